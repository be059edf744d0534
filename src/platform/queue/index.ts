/**
 * The work queue in PostgreSQL (PGlite or a server): producers `enqueue` inside their own transactions,
 * `Worker`s claim jobs under a lease with `FOR UPDATE SKIP LOCKED` and commit each job's effects
 * together with its completion, fenced by that lease; operators inspect, requeue and count jobs.
 */
export { getJob, type JobFilter, listJobs, queueStats, requeueDeadJobs, requeueJob } from "./admin.ts";
export { GroupCommit, type GroupCommitOptions } from "./group-commit.ts";
export {
  DEFAULT_RETRY,
  defineQueue,
  type EnqueueOptions,
  type EnqueueResult,
  type Job,
  type JobId,
  type JobState,
  type Lease,
  LeaseLostError,
  leaseOf,
  type QueueDef,
  type QueueDefOptions,
  type QueueStats,
  type RetryPolicy,
  retryDelayMs,
  WorkerStoppingError,
} from "./model.ts";
export {
  type ClaimOptions,
  claimJobs,
  commitJob,
  commitJobs,
  completeJob,
  type EnqueueItem,
  enqueue,
  enqueueMany,
  extendLease,
  extendLeases,
  type Failure,
  failJob,
  releaseJob,
} from "./store.ts";
export {
  type JobContext,
  type JobHandler,
  type QueueLogger,
  type StopOptions,
  Worker,
  type WorkerOptions,
} from "./worker.ts";
