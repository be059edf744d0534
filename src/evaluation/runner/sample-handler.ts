import { performance } from "node:perf_hooks";
import { z } from "zod";
import type { Db, Tx } from "../../platform/db/database.ts";
import { defineQueue, GroupCommit, type JobContext } from "../../platform/queue/index.ts";
import type { ModelProvider, SampleEvent, Score, SolverContext, ToolBox, Usage } from "../model.ts";
import { CachedProvider } from "../providers/cached-provider.ts";
import { createSandboxToolBox, type SandboxToolBoxOptions } from "../sandbox/tools.ts";
import { classifyError } from "./classify-error.ts";
import {
  type AttemptKey,
  appendEvents,
  DbResponseCache,
  finishSamples,
  getRun,
  getSample,
  type RunRecord,
  type SampleKey,
  type SampleOutcome,
  type StartedSample,
  startSamples,
} from "./store.ts";
import { buildTask, type TaskRegistry, taskHash } from "./tasks.ts";

/** One job per (sample, epoch) of a run; its idempotency key is `runId:sampleId:epoch`. */
export const evalSampleQueue = defineQueue(
  "eval.sample",
  z.object({ runId: z.string(), sampleId: z.string(), epoch: z.number().int().positive() }),
  { maxAttempts: 3, retry: { baseMs: 1_000, maxMs: 60_000, jitter: 0.5 } },
);
export type EvalSampleJob = z.output<typeof evalSampleQueue.schema>;

/** What the handler needs besides the database. */
export interface SampleHandlerDeps {
  db: Db;
  tasks: TaskRegistry;
  /** The run's model (uncached: the handler wraps it in the run's response cache). */
  modelFor(run: RunRecord): Promise<ModelProvider>;
  sandbox?: SandboxToolBoxOptions;
}

const NO_USAGE: Usage = { inputTokens: 0, outputTokens: 0 };

/** An event with its sequence number in its (sample, epoch). */
type SampleEventRow = { seq: number; event: SampleEvent };

/** What a finished sample commits: its last events and its outcome. */
interface SampleCommit {
  key: AttemptKey;
  events: SampleEventRow[];
  outcome: SampleOutcome;
}

/** Writes finished samples' last events and outcomes: two statements for the whole group. */
async function writeSampleCommits(trx: Tx, commits: SampleCommit[]): Promise<void> {
  await appendEvents(trx, commits);
  await finishSamples(trx, commits);
}

/**
 * Starts asked for in the same turn of the event loop go to the database as one statement: a claim
 * launches several samples at once, and each would otherwise wait its turn for PGlite's connection.
 */
class SampleStarter {
  private waiting: {
    key: SampleKey;
    resolve(started: StartedSample | undefined): void;
    reject(error: unknown): void;
  }[] = [];

  constructor(private readonly db: Db) {}

  start(key: SampleKey): Promise<StartedSample | undefined> {
    if (this.waiting.length === 0) setImmediate(() => void this.flush());
    return new Promise((resolve, reject) => this.waiting.push({ key, resolve, reject }));
  }

  private async flush(): Promise<void> {
    const batch = this.waiting.splice(0);
    try {
      const started = await startSamples(
        this.db,
        batch.map((entry) => entry.key),
      );
      for (const [i, entry] of batch.entries()) entry.resolve(started[i]);
    } catch (error) {
      for (const entry of batch) entry.reject(error);
    }
  }
}

/** How long an event may wait to be written with the ones after it. */
const EVENT_BATCH_MS = 500;

/**
 * A sample's events, each with the next sequence number, written in order as they happen: in
 * batches at most EVENT_BATCH_MS late, the last ones inside the sample's commit. `emit` is
 * synchronous (the solver does not wait for the database); a failed write surfaces at `flush` or
 * `settle`. A short sample (one model call) thus costs no event writes of its own.
 */
class EventLog {
  private pending: SampleEventRow[] = [];
  private writes: Promise<void> = Promise.resolve();
  private failure: unknown;
  private timer: NodeJS.Timeout | undefined;
  usage: Usage = NO_USAGE;
  waitMs = 0;

  constructor(
    private readonly db: Db,
    private readonly key: AttemptKey,
    private seq: number,
  ) {}

  emit = (event: SampleEvent): void => {
    if (event.type === "model") {
      // Replayed answers cost nothing now, but count: the run's tokens are those its answers took.
      this.usage = {
        inputTokens: this.usage.inputTokens + event.output.usage.inputTokens,
        outputTokens: this.usage.outputTokens + event.output.usage.outputTokens,
      };
      this.waitMs += event.output.waitMs ?? 0;
    }
    this.pending.push({ seq: this.seq++, event });
    this.timer ??= setTimeout(() => void this.write(), EVENT_BATCH_MS);
  };

  /** Starts writing what is pending, after the writes before it. */
  private write(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending.splice(0);
    if (batch.length > 0)
      this.writes = this.writes.then(() =>
        appendEvents(this.db, [{ key: this.key, events: batch }]).catch((error: unknown) => {
          this.failure ??= error;
        }),
      );
    return this.writes;
  }

  /** Writes everything emitted so far. */
  async flush(): Promise<void> {
    await this.write();
    if (this.failure) throw this.failure;
  }

  /** Waits for the writes under way and returns the events not yet written, for the sample's commit. */
  async settle(): Promise<SampleEventRow[]> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.writes;
    if (this.failure) throw this.failure;
    return this.pending.splice(0);
  }
}

/**
 * The queue handler of `evalSampleQueue`: loads the (sample, epoch), runs the task's solver against
 * the run's model through the run's response cache (so a resumed sample replays its completed calls
 * instead of repeating them), scores the result, and records the outcome in a group commit, once.
 * Infrastructure errors are retried by the queue and, once attempts are used up, recorded as such:
 * never scored.
 */
export function sampleHandler(deps: SampleHandlerDeps) {
  const runs = new Map<string, Promise<RunRecord | undefined>>();
  const runOf = (id: string) => {
    let run = runs.get(id);
    if (!run) {
      run = getRun(deps.db, id);
      runs.set(id, run);
    }
    return run;
  };

  // Samples finish many at a time; one transaction records a group of them (see GroupCommit).
  const commits = new GroupCommit<SampleCommit>({ db: deps.db, write: writeSampleCommits });
  const starter = new SampleStarter(deps.db);

  return async (job: EvalSampleJob, ctx: JobContext): Promise<unknown> => {
    const { db } = deps;
    const run = await runOf(job.runId);
    if (!run) throw new Error(`run ${job.runId} does not exist`);
    const started = await starter.start(job);
    if (!started) {
      const stored = await getSample(db, job.runId, job.sampleId, job.epoch);
      if (!stored) throw new Error(`run ${job.runId} has no sample ${job.sampleId} epoch ${job.epoch}`);
      return { skipped: stored.status };
    }
    const stored = started.record;

    const key = { runId: job.runId, sampleId: job.sampleId, epoch: job.epoch };
    const attemptKey = { ...key, attempt: ctx.job.attempts };
    const log = new EventLog(db, attemptKey, started.nextSeq);
    const startedAt = performance.now();
    const elapsed = () => performance.now() - startedAt - log.waitMs;
    let tools: ToolBox | undefined;
    let outcome: SampleOutcome;
    try {
      const definition = deps.tasks[run.spec.task.name];
      if (!definition) throw new Error(`task ${run.spec.task.name} is not known to this worker`);
      const task = buildTask(definition, {
        name: run.spec.dataset.name,
        hash: run.spec.dataset.hash,
        samples: [],
        source: {},
      });
      // Solvers and scorers are code: a worker whose definition differs would score another task version.
      if (taskHash(task) !== run.spec.task.hash)
        throw new Error(`task ${task.name} here is not the version the run was created with (task hash differs)`);
      const model = new CachedProvider(
        await deps.modelFor(run),
        new DbResponseCache(db, job.runId, job, stored.attempts === 1),
        {
          sampleId: job.sampleId,
          epoch: job.epoch,
        },
      );
      if (task.sandbox) tools = await createSandboxToolBox(stored.sample, deps.sandbox);
      const solverContext: SolverContext = {
        sample: stored.sample,
        model,
        config: { ...task.config, ...run.spec.model.config },
        limits: run.spec.limits,
        tools,
        emit: log.emit,
        signal: ctx.signal,
      };
      const result = await task.solver.solve(solverContext);
      const score: Record<string, Score> = {};
      for (const scorer of task.scorers) {
        score[scorer.name] = await scorer.score(result, stored.sample, { signal: ctx.signal });
        log.emit({ type: "score", at: new Date().toISOString(), scorer: scorer.name, score: score[scorer.name]! });
      }
      outcome = {
        status: "done",
        score,
        answer: result.answer,
        usage: log.usage,
        durationMs: elapsed(),
        ...(result.limit ? { limit: result.limit } : {}),
      };
    } catch (error) {
      const failure = classifyError(error);
      if (!failure || ctx.signal.aborted) {
        await log.flush().catch(() => undefined);
        throw error;
      }
      log.emit({
        type: "error",
        at: new Date().toISOString(),
        kind: failure.kind === "scorer" ? "infrastructure" : failure.kind,
        message: failure.message,
      });
      await log.flush();
      // Another attempt may succeed: let the queue back off and retry, unless this was the last one.
      if (failure.retry && ctx.job.attempts < ctx.job.maxAttempts) throw error;
      outcome = {
        status: "error",
        kind: failure.kind,
        message: failure.message,
        usage: log.usage,
        durationMs: elapsed(),
      };
    } finally {
      await tools?.close();
    }
    await ctx.commitInGroup(commits, { key: attemptKey, events: await log.settle(), outcome });
    return { status: outcome.status };
  };
}
