import { hostname } from "node:os";
import { performance } from "node:perf_hooks";
import { z } from "zod";
import type { Db, Tx } from "../db/database.ts";
import { newId } from "../ids/ids.ts";
import type { GroupCommit } from "./group-commit.ts";
import {
  type Job,
  type JobId,
  type Lease,
  LeaseLostError,
  leaseOf,
  type QueueDef,
  type RetryPolicy,
  retryDelayMs,
  WorkerStoppingError,
} from "./model.ts";
import { claimJobs, commitJob, completeJob, extendLeases, failJob, releaseJob } from "./store.ts";
import { onLocalEnqueue } from "./wake.ts";

/** What a handler gets besides its payload. */
export interface JobContext {
  /** The job as claimed; `job.attempts` is this attempt's number (1-based). */
  readonly job: Job;
  /** Fires when the lease is lost (reason `LeaseLostError`) or the worker stops (`WorkerStoppingError`). */
  readonly signal: AbortSignal;
  /**
   * Runs `fn` in one transaction with marking the job done, only while this worker still holds the
   * lease: the way to make a job's database effects happen exactly once. Throws `LeaseLostError` (and
   * `fn` does not run) when another worker has reclaimed the job. `fn` must use only `trx`: on PGlite
   * the one connection belongs to the transaction, and a call on `db` inside it never returns.
   */
  commit<T>(fn: (trx: Tx) => Promise<T>): Promise<T>;
  /**
   * `commit` through a group commit: the job is marked done together with other jobs' in one
   * transaction, with `item` written by the group's `write`. Same guarantees, same `LeaseLostError`.
   */
  commitInGroup<I>(group: GroupCommit<I>, item: I): Promise<void>;
}

/**
 * Handles one job. A handler that returns without calling `commit` has its job marked done with the
 * returned value as result; one that throws has the attempt retried later, or the job dead-lettered.
 */
export type JobHandler<S extends z.ZodType> = (payload: z.output<S>, ctx: JobContext) => Promise<unknown>;

/** Where the worker reports what it cannot put in a job row (pino's argument order). */
export interface QueueLogger {
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

const consoleLogger: QueueLogger = {
  warn: (fields, message) => console.warn(message, fields),
  error: (fields, message) => console.error(message, fields),
};

/** How a `Worker` claims and runs jobs; all but `db` have defaults. */
export interface WorkerOptions {
  db: Db;
  /** Prefix of the lease owner, to tell workers apart in `jobs.lease_owner`; default `host:pid`. */
  name?: string;
  /** Jobs run at once. Default 1. */
  concurrency?: number;
  /** How long a claim lasts without a heartbeat; a crashed worker's jobs wait this long. Default 30 s. */
  leaseMs?: number;
  /** Heartbeat period; default a third of the lease, so one missed beat does not lose it. */
  heartbeatMs?: number;
  /** Idle polling starts at this interval and doubles up to `pollMaxMs`. Default 50 ms. */
  pollMinMs?: number;
  /** Default 2 s: the longest a job enqueued by another process waits for an idle worker. */
  pollMaxMs?: number;
  /**
   * While jobs run, claim only once this many slots are free (or `claimGatherMs` after the first
   * freed), so one claim fills several: for many short jobs a claim per job costs more than the jobs.
   * Default 1 (claim as soon as a slot frees).
   */
  claimBatch?: number;
  /** The longest a freed slot waits for others before claiming; default 20 ms. */
  claimGatherMs?: number;
  logger?: QueueLogger;
}

/** How `Worker.stop` treats jobs still running. */
export interface StopOptions {
  /**
   * How long running jobs may take to finish before their signal fires and they are released (back to
   * `queued`, the attempt not counted). Default 10 s; 0 releases at once.
   */
  graceMs?: number;
}

/** After a stop aborts the jobs still running, how long it waits for their handlers to return. */
const ABORT_WAIT_MS = 1_000;
const MAX_ERROR_LENGTH = 4_000;
/** First idle interval after a local enqueue woke the worker (then it doubles as usual). */
const WAKE_RETRY_MS = 10;

interface Registration {
  retry: RetryPolicy;
  /** Parses the payload against the queue's schema, then runs the handler. */
  run(payload: unknown, ctx: JobContext): Promise<unknown>;
}

/** A payload that fails its schema: retrying cannot help, so the job goes dead at once. */
class InvalidPayloadError extends Error {
  constructor(queue: string, error: z.ZodError) {
    super(`payload does not match the ${queue} schema: ${z.prettifyError(error)}`);
    this.name = "InvalidPayloadError";
  }
}

interface Running {
  job: Job;
  lease: Lease;
  controller: AbortController;
  /** `finishing` from the moment the handler commits or returns: a heartbeat finding no lease then is expected. */
  phase: "handling" | "finishing" | "committed";
  /** performance.now() of the last heartbeat that confirmed the lease. */
  confirmedAt: number;
  settled: Promise<void>;
}

function describeError(error: unknown): string {
  const text = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH)}…` : text;
}

function delay(ms: number): { promise: Promise<void>; cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return { promise, cancel: () => clearTimeout(timer) };
}

/**
 * Claims and runs jobs of the queues it has handlers for, `concurrency` at a time. Idle, it polls with
 * a doubling interval, and polls at once when this process enqueues into one of its queues. The same
 * class runs in-process on PGlite and in any number of processes on PostgreSQL.
 *
 * ```ts
 * const worker = new Worker({ db, concurrency: 4 }).handle(importQueue, async (payload, ctx) => {
 *   const parsed = await fetchAndParse(payload.url, ctx.signal);
 *   await ctx.commit((trx) => saveImport(trx, parsed));
 * });
 * worker.start();
 * // on shutdown
 * await worker.stop();
 * ```
 */
export class Worker {
  /** This worker's lease owner: its name plus a unique suffix, so two workers never share one. */
  readonly owner: string;
  readonly #db: Db;
  readonly #concurrency: number;
  readonly #leaseMs: number;
  readonly #heartbeatMs: number;
  readonly #pollMinMs: number;
  readonly #pollMaxMs: number;
  readonly #claimBatch: number;
  readonly #claimGatherMs: number;
  readonly #logger: QueueLogger;
  readonly #handlers = new Map<string, Registration>();
  readonly #running = new Map<JobId, Running>();
  #state: "new" | "running" | "stopping" | "stopped" = "new";
  #loop: Promise<void> = Promise.resolve();
  #stopped: Promise<void> | undefined;
  #unsubscribe: (() => void) | undefined;
  /** Ends the loop's current wait (for a free slot or the next idle poll). */
  #wake: (() => void) | undefined;
  /** Set by a local enqueue: poll again now and reset the idle interval. */
  #woken = false;
  /** One heartbeat for all running jobs (one statement, not one per job). */
  #heartbeat: NodeJS.Timeout | undefined;
  #beating = false;

  constructor(options: WorkerOptions) {
    this.#db = options.db;
    this.#concurrency = options.concurrency ?? 1;
    this.#leaseMs = options.leaseMs ?? 30_000;
    this.#heartbeatMs = options.heartbeatMs ?? Math.floor(this.#leaseMs / 3);
    this.#pollMinMs = options.pollMinMs ?? 50;
    this.#pollMaxMs = options.pollMaxMs ?? 2_000;
    this.#claimBatch = Math.min(this.#concurrency, Math.max(1, options.claimBatch ?? 1));
    this.#claimGatherMs = options.claimGatherMs ?? 20;
    this.#logger = options.logger ?? consoleLogger;
    if (!Number.isInteger(this.#concurrency) || this.#concurrency < 1)
      throw new Error("concurrency must be a positive integer");
    if (!(this.#heartbeatMs > 0 && this.#heartbeatMs < this.#leaseMs))
      throw new Error("heartbeatMs must be positive and shorter than leaseMs");
    if (!(this.#pollMinMs > 0 && this.#pollMinMs <= this.#pollMaxMs))
      throw new Error("pollMinMs must be positive and at most pollMaxMs");
    this.owner = `${options.name ?? `${hostname()}:${process.pid}`}/${newId("wrk")}`;
  }

  /** Registers the handler of one queue; before `start`. */
  handle<S extends z.ZodType>(def: QueueDef<S>, handler: JobHandler<S>): this {
    if (this.#state !== "new") throw new Error("register handlers before start()");
    if (this.#handlers.has(def.name)) throw new Error(`queue ${def.name} already has a handler`);
    this.#handlers.set(def.name, {
      retry: def.retry,
      run(payload, ctx) {
        const parsed = def.schema.safeParse(payload);
        if (!parsed.success) throw new InvalidPayloadError(def.name, parsed.error);
        return handler(parsed.data, ctx);
      },
    });
    return this;
  }

  /** Starts claiming. A worker starts once; after `stop` make a new one. */
  start(): this {
    if (this.#state !== "new") throw new Error("a worker starts only once");
    if (this.#handlers.size === 0) throw new Error("register at least one handler before start()");
    this.#state = "running";
    this.#unsubscribe = onLocalEnqueue((queue) => {
      if (!this.#handlers.has(queue)) return;
      this.#woken = true;
      this.#wake?.();
    });
    this.#loop = this.#poll();
    this.#heartbeat = setInterval(() => void this.#beat(), this.#heartbeatMs);
    return this;
  }

  /**
   * Stops claiming, lets running jobs finish within `graceMs`, then aborts and releases the rest.
   * Resolves when the worker no longer touches the database for those jobs' leases; idempotent.
   */
  stop(options: StopOptions = {}): Promise<void> {
    this.#stopped ??= this.#shutdown(options.graceMs ?? 10_000);
    return this.#stopped;
  }

  async #shutdown(graceMs: number): Promise<void> {
    if (this.#state === "new") {
      this.#state = "stopped";
      return;
    }
    this.#state = "stopping";
    this.#unsubscribe?.();
    this.#wake?.();
    await this.#loop;
    await this.#settle(graceMs);
    await Promise.all(
      [...this.#running.values()].map(async (run) => {
        run.controller.abort(new WorkerStoppingError());
        await this.#release(run.job);
      }),
    );
    await this.#settle(ABORT_WAIT_MS);
    clearInterval(this.#heartbeat);
    this.#state = "stopped";
  }

  /** Waits until no job runs, or `ms` passed. */
  async #settle(ms: number): Promise<void> {
    if (this.#running.size === 0) return;
    const timeout = delay(ms);
    await Promise.race([Promise.all([...this.#running.values()].map((run) => run.settled)), timeout.promise]);
    timeout.cancel();
  }

  async #release(job: Job): Promise<void> {
    try {
      await releaseJob(this.#db, leaseOf(job));
    } catch (error) {
      // The lease then expires and another worker reclaims the job (that attempt counts).
      this.#logger.error({ jobId: job.id, error: describeError(error) }, "releasing a job failed");
    }
  }

  /** Resolves after `ms`, or earlier on `#wake` (a free slot, a local enqueue, stop); `undefined` waits for a wake. */
  #wait(ms: number | undefined): Promise<void> {
    return new Promise((resolve) => {
      const timer = ms === undefined ? undefined : setTimeout(() => done(), ms);
      const done = () => {
        clearTimeout(timer);
        this.#wake = undefined;
        resolve();
      };
      this.#wake = done;
    });
  }

  async #poll(): Promise<void> {
    const queues = [...this.#handlers.keys()];
    let idleMs = this.#pollMinMs;
    /** performance.now() when a slot first stood free while others ran (gathering for a batch claim). */
    let gatheringSince: number | undefined;
    while (this.#state === "running") {
      const free = this.#concurrency - this.#running.size;
      if (free <= 0) {
        await this.#wait(undefined);
        continue;
      }
      if (free < this.#claimBatch && this.#running.size > 0) {
        gatheringSince ??= performance.now();
        const left = this.#claimGatherMs - (performance.now() - gatheringSince);
        if (left > 0) {
          await this.#wait(left);
          continue;
        }
      }
      gatheringSince = undefined;
      this.#woken = false;
      let jobs: Job[] = [];
      try {
        jobs = await claimJobs(this.#db, { queues, owner: this.owner, limit: free, leaseMs: this.#leaseMs });
      } catch (error) {
        this.#logger.error({ error: describeError(error) }, "claiming jobs failed");
      }
      if (this.#state !== "running") {
        // stop() came while claiming: give these back untouched.
        await Promise.all(jobs.map((job) => this.#release(job)));
        return;
      }
      for (const job of jobs) this.#launch(job);
      if (jobs.length > 0) {
        idleMs = this.#pollMinMs;
        continue;
      }
      // A local enqueue during the claim may not have been visible to it: look again at once.
      if (!this.#woken) await this.#wait(idleMs);
      // After a wake, poll again soon even when this poll found nothing: the enqueueing transaction
      // may not have committed yet (on PostgreSQL the claim does not wait for it).
      idleMs = this.#woken ? Math.min(WAKE_RETRY_MS, this.#pollMinMs) : Math.min(idleMs * 2, this.#pollMaxMs);
    }
  }

  #launch(job: Job): void {
    const run: Running = {
      job,
      lease: leaseOf(job),
      controller: new AbortController(),
      phase: "handling",
      confirmedAt: performance.now(),
      settled: Promise.resolve(),
    };
    this.#running.set(job.id, run);
    run.settled = this.#execute(run).finally(() => {
      this.#running.delete(job.id);
      this.#wake?.();
    });
  }

  async #execute(run: Running): Promise<void> {
    const { job, lease, controller } = run;
    const registration = this.#handlers.get(job.queue)!;
    try {
      const ctx: JobContext = {
        job,
        signal: controller.signal,
        commit: (fn) => this.#commit(run, (lease) => commitJob(this.#db, lease, fn)),
        commitInGroup: (group, item) => this.#commit(run, (lease) => group.commit(lease, item)),
      };
      const value = await registration.run(job.payload, ctx);
      if (run.phase === "committed") return;
      run.phase = "finishing";
      if (!(await completeJob(this.#db, lease, value)))
        this.#logger.warn({ jobId: job.id, attempt: lease.attempt }, "lease lost before the job completed");
    } catch (error) {
      await this.#failed(run, error, registration.retry);
    }
  }

  async #failed(run: Running, error: unknown, retry: RetryPolicy): Promise<void> {
    const { job, lease, controller } = run;
    const fields = { jobId: job.id, queue: job.queue, attempt: lease.attempt, error: describeError(error) };
    if (run.phase === "committed") {
      this.#logger.warn(fields, "handler threw after its commit; the job stays done");
      return;
    }
    if (controller.signal.aborted) {
      // The lease is gone or being released: the job is no longer ours to fail.
      this.#logger.warn({ ...fields, reason: String(controller.signal.reason) }, "job aborted");
      return;
    }
    try {
      const retryInMs = error instanceof InvalidPayloadError ? null : retryDelayMs(lease.attempt, retry);
      const state = await failJob(this.#db, lease, { error: fields.error, retryInMs });
      if (state === undefined) this.#logger.warn(fields, "job failed after its lease was lost");
      else if (state === "dead") this.#logger.error(fields, "job is dead after its last attempt");
      else this.#logger.warn({ ...fields, retryInMs }, "job failed, will retry");
    } catch (failError) {
      this.#logger.error({ ...fields, failError: describeError(failError) }, "recording a job failure failed");
    }
  }

  /** Runs `commit` (which marks the job done, fenced by its lease) once per job. */
  async #commit<T>(run: Running, commit: (lease: Lease) => Promise<T>): Promise<T> {
    if (run.phase !== "handling") throw new Error(`job ${run.job.id} is already committed`);
    run.phase = "finishing";
    try {
      const value = await commit(run.lease);
      run.phase = "committed";
      return value;
    } finally {
      if (run.phase === "finishing") run.phase = "handling";
    }
  }

  /**
   * Extends the leases of the jobs still being handled, in one statement. A job whose lease is gone is
   * aborted; so is one left unconfirmed for a whole lease (the database is unreachable: assume another
   * worker has the job by now). Aborted jobs are no longer ours to keep alive.
   */
  async #beat(): Promise<void> {
    const runs = [...this.#running.values()].filter(
      (run) => run.phase === "handling" && !run.controller.signal.aborted,
    );
    if (this.#beating || runs.length === 0) return;
    this.#beating = true;
    try {
      const held = await extendLeases(
        this.#db,
        runs.map((run) => run.lease),
        this.#leaseMs,
      );
      const now = performance.now();
      for (const run of runs) {
        if (held.has(run.job.id)) run.confirmedAt = now;
        // Checked again after the await: a commit that finished meanwhile ended the lease itself.
        else if (run.phase === "handling") run.controller.abort(new LeaseLostError(run.lease));
      }
    } catch (error) {
      this.#logger.warn({ jobs: runs.length, error: describeError(error) }, "heartbeat failed");
      for (const run of runs)
        if (performance.now() - run.confirmedAt > this.#leaseMs) run.controller.abort(new LeaseLostError(run.lease));
    } finally {
      this.#beating = false;
    }
  }
}
