import type { z } from "zod";
import type { Id } from "../ids/ids.ts";

/**
 * The work queue's types and pure rules: queue definitions (name + payload schema + retry policy),
 * the job record, the lease that fences a worker's writes, and the retry delay.
 */

/** `queued` → `running` → `done`, or back to `queued` for a retry, or `dead` once attempts run out. */
export type JobState = "queued" | "running" | "done" | "dead";

/** Job ids are `job_…`, sortable by creation time. */
export type JobId = Id<"job">;

/** One job as stored. `attempts` counts claims, so while running it is the current attempt's number. */
export interface Job {
  id: JobId;
  queue: string;
  payload: unknown;
  priority: number;
  state: JobState;
  attempts: number;
  maxAttempts: number;
  runAt: Date;
  leaseOwner: string | null;
  leaseUntil: Date | null;
  idempotencyKey: string | null;
  lastError: string | null;
  /** What completed the job: the value returned by `commit`'s function, or else by the handler. */
  result: unknown;
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
}

/**
 * What a worker holds while it runs a job. Every write a worker makes to the job is fenced by all three
 * fields: once the lease expired and the job was reclaimed, the old holder's writes match no row.
 * `attempt` alone is not enough (a released job is claimed again with the same number), nor is `owner`
 * alone (one worker may claim the same job twice).
 */
export interface Lease {
  jobId: JobId;
  owner: string;
  attempt: number;
}

/** The lease of a job just claimed. */
export function leaseOf(job: Job): Lease {
  if (job.state !== "running" || job.leaseOwner === null) throw new Error(`job ${job.id} is not running`);
  return { jobId: job.id, owner: job.leaseOwner, attempt: job.attempts };
}

/** Capped exponential backoff between attempts, with jitter so failed jobs do not retry in lockstep. */
export interface RetryPolicy {
  /** Delay after the first failed attempt. */
  baseMs: number;
  /** Upper bound of any delay. */
  maxMs: number;
  /** Fraction of the delay (0..1) that is randomised away: 0.5 gives a delay between 50 % and 100 %. */
  jitter: number;
}

/** 1 s, 2 s, 4 s … up to 15 min: rides out a provider outage without hammering it. */
export const DEFAULT_RETRY: RetryPolicy = { baseMs: 1_000, maxMs: 15 * 60_000, jitter: 0.5 };

/** Delay before the retry that follows failed attempt number `attempt` (1-based). */
export function retryDelayMs(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const exponential = policy.baseMs * 2 ** Math.max(0, attempt - 1);
  const capped = Math.min(policy.maxMs, exponential);
  return Math.round(capped * (1 - policy.jitter * random()));
}

/**
 * A named queue and the shape of its payload. Producers (`enqueue`) and consumers (`Worker.handle`)
 * share one definition, so the compiler checks both sides against the same schema.
 */
export interface QueueDef<S extends z.ZodType = z.ZodType> {
  name: string;
  schema: S;
  /** Default for jobs enqueued without `maxAttempts`. */
  maxAttempts: number;
  retry: RetryPolicy;
}

/** Per-queue defaults; see `defineQueue`. */
export interface QueueDefOptions {
  maxAttempts?: number;
  retry?: Partial<RetryPolicy>;
}

const QUEUE_NAME = /^[a-z][a-z0-9_.-]{0,62}$/;

/** Defines a queue; the name is stored with each job, so it must stay stable across releases. */
export function defineQueue<S extends z.ZodType>(name: string, schema: S, options: QueueDefOptions = {}): QueueDef<S> {
  if (!QUEUE_NAME.test(name)) throw new Error(`queue name ${JSON.stringify(name)} must match ${QUEUE_NAME}`);
  const maxAttempts = options.maxAttempts ?? 5;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new Error("maxAttempts must be a positive integer");
  return { name, schema, maxAttempts, retry: { ...DEFAULT_RETRY, ...options.retry } };
}

/** How one job is scheduled; all optional. */
export interface EnqueueOptions {
  /** Higher runs first. */
  priority?: number;
  /** Not before this many milliseconds from now (database clock). */
  delayMs?: number;
  /** Overrides the queue's default. */
  maxAttempts?: number;
  /** Unique per queue: enqueueing the same key again returns the existing job and adds none. */
  idempotencyKey?: string;
}

/** The job an `enqueue` added, or found under its idempotency key. */
export interface EnqueueResult {
  id: JobId;
  /** False when the idempotency key named an existing job. */
  created: boolean;
}

/** Thrown by `commit` (and used as the abort reason) when the worker no longer holds the job's lease. */
export class LeaseLostError extends Error {
  constructor(readonly lease: Lease) {
    super(`lease on job ${lease.jobId} (attempt ${lease.attempt}) is no longer held by ${lease.owner}`);
    this.name = "LeaseLostError";
  }
}

/** The abort reason when a worker stops before a job finished; the job is released for another worker. */
export class WorkerStoppingError extends Error {
  constructor() {
    super("the worker is stopping");
    this.name = "WorkerStoppingError";
  }
}

/** Counts of jobs per state in one queue. */
export interface QueueStats {
  queue: string;
  queued: number;
  running: number;
  done: number;
  dead: number;
}
