/**
 * In-process wake-up: `enqueue` announces a new job here so idle workers in the same process poll at
 * once instead of waiting out their idle backoff. It is only a hint (a worker of another store in the
 * same process polls once for nothing; the job may not be committed yet), never a delivery: workers in
 * other processes find the job by polling.
 */
type Listener = (queue: string) => void;

const listeners = new Set<Listener>();

/** Calls `listener` with the queue name of every job enqueued in this process; returns the unsubscribe. */
export function onLocalEnqueue(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Tells this process's idle workers that `queue` has a new job. */
export function announceEnqueue(queue: string): void {
  for (const listener of listeners) listener(queue);
}
