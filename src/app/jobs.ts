import { registerEvalJobs } from "../evaluation/runner/cli.ts";
import { registerNotificationJobs } from "../platform/notifications/delivery.ts";
import { Worker } from "../platform/queue/index.ts";
import type { AppContext } from "./context.ts";

/**
 * Every module's queue handlers. `aicc worker` processes and the in-process workers of `aicc serve`
 * register the same list, so any worker can take any job.
 */
export type JobRegistration = (worker: Worker, ctx: AppContext) => void;

export const JOB_HANDLERS: JobRegistration[] = [registerEvalJobs, registerNotificationJobs];

/** A worker with every handler registered, or undefined when no module defines a queue yet. */
export function createWorker(ctx: AppContext, concurrency: number): Worker | undefined {
  if (JOB_HANDLERS.length === 0 || concurrency < 1) return undefined;
  const worker = new Worker({ db: ctx.db, concurrency });
  for (const register of JOB_HANDLERS) register(worker, ctx);
  return worker;
}
