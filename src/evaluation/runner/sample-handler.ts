import { performance } from "node:perf_hooks";
import { z } from "zod";
import type { Db } from "../../platform/db/database.ts";
import { defineQueue, type JobContext } from "../../platform/queue/index.ts";
import type { ModelProvider, SampleEvent, Score, SolverContext, ToolBox, Usage } from "../model.ts";
import { CachedProvider } from "../providers/cached-provider.ts";
import { createSandboxToolBox, type SandboxToolBoxOptions } from "../sandbox/tools.ts";
import { classifyError } from "./classify-error.ts";
import {
  appendEvents,
  DbResponseCache,
  finishSample,
  getRun,
  getSample,
  type RunRecord,
  type SampleOutcome,
  startSample,
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

/**
 * Writes a sample's events as they happen, in order, each with the next sequence number. `emit` is
 * synchronous (the solver does not wait for the database), so writes are chained; `flush` waits
 * for them and surfaces a failed write.
 */
class EventLog {
  private chain: Promise<void> = Promise.resolve();
  usage: Usage = NO_USAGE;
  waitMs = 0;

  constructor(
    private readonly db: Db,
    private readonly key: { runId: string; sampleId: string; epoch: number; attempt: number },
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
    const entry = { seq: this.seq++, event };
    this.chain = this.chain.then(() => appendEvents(this.db, this.key, [entry]));
  };

  flush(): Promise<void> {
    return this.chain;
  }
}

/**
 * The queue handler of `evalSampleQueue`: loads the (sample, epoch), runs the task's solver against
 * the run's model through the run's response cache (so a resumed sample replays its completed calls
 * instead of repeating them), scores the result, and records the outcome inside `ctx.commit`, once.
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

  return async (job: EvalSampleJob, ctx: JobContext): Promise<unknown> => {
    const { db } = deps;
    const run = await runOf(job.runId);
    if (!run) throw new Error(`run ${job.runId} does not exist`);
    const stored = await getSample(db, job.runId, job.sampleId, job.epoch);
    if (!stored) throw new Error(`run ${job.runId} has no sample ${job.sampleId} epoch ${job.epoch}`);
    if (stored.status === "done" || stored.status === "error") return { skipped: stored.status };

    const key = { runId: job.runId, sampleId: job.sampleId, epoch: job.epoch };
    const seq = await startSample(db, job.runId, job.sampleId, job.epoch);
    const log = new EventLog(db, { ...key, attempt: ctx.job.attempts }, seq);
    const started = performance.now();
    const elapsed = () => performance.now() - started - log.waitMs;
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
      const model = new CachedProvider(await deps.modelFor(run), new DbResponseCache(db, job.runId, job), {
        sampleId: job.sampleId,
        epoch: job.epoch,
      });
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
      if (!failure || ctx.signal.aborted) throw error;
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
    await log.flush();
    await ctx.commit((trx) => finishSample(trx, key, outcome));
    return { status: outcome.status };
  };
}
