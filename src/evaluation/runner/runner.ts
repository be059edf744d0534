import type { Db } from "../../platform/db/database.ts";
import { notFound } from "../../platform/errors/errors.ts";
import { newId } from "../../platform/ids/ids.ts";
import { enqueue, enqueueMany, getJob, listJobs, type QueueLogger, Worker } from "../../platform/queue/index.ts";
import type { GenerateConfig, Task } from "../model.ts";
import type { RateGovernorOptions } from "../providers/rate-governor.ts";
import { gitRevision, packageVersion, type RunId, type RunSpec } from "./run-spec.ts";
import { evalSampleQueue, type SampleHandlerDeps, sampleHandler } from "./sample-handler.ts";
import {
  finishRun,
  finishSamples,
  getRun,
  insertRun,
  listSamples,
  type RunCounts,
  reopenRun,
  resetErrored,
  runCounts,
  type SampleOutcome,
} from "./store.ts";
import { taskHash } from "./tasks.ts";

/** How a run is made; all optional. */
export interface CreateRunOptions {
  epochs?: number;
  /** Only the first `limit` samples of the dataset. */
  limit?: number;
  /** Samples in flight at once in this process (default 4). */
  maxConnections?: number;
  /** Attempts per (sample, epoch) before an infrastructure error is final (default 3). */
  maxAttempts?: number;
  /** Model settings over the task's (temperature, max tokens, seed, stop). */
  config?: GenerateConfig;
  baseUrl?: string;
  apiKeySecret?: string;
  datasetPath?: string;
}

/**
 * The governor of a run's endpoint starts at the run's max connections rather than ramping up to it:
 * the workers already bound the samples in flight, and the first 429 halves it.
 */
export function runGovernorOptions(spec: Pick<RunSpec, "maxConnections">): RateGovernorOptions {
  return { initialConcurrency: spec.maxConnections, maxConcurrency: spec.maxConnections };
}

const jobKey = (runId: string, sampleId: string, epoch: number) => `${runId}:${sampleId}:${epoch}`;

/**
 * Records a run of `task` against `modelId` and enqueues one job per (sample, epoch), all in one
 * transaction: a run exists with all its jobs, or not at all.
 */
export async function createRun(
  db: Db,
  task: Task,
  modelId: string,
  options: CreateRunOptions = {},
): Promise<{ id: RunId; spec: RunSpec }> {
  const epochs = options.epochs ?? 1;
  const samples = options.limit ? task.dataset.samples.slice(0, options.limit) : task.dataset.samples;
  if (samples.length === 0) throw new Error(`task ${task.name} has no samples to run`);
  const config = { ...task.config, ...options.config };
  const git = gitRevision();
  const spec: RunSpec = {
    task: { name: task.name, hash: taskHash(task), scorers: task.scorers.map((scorer) => scorer.name) },
    dataset: {
      name: task.dataset.name,
      hash: task.dataset.hash,
      samples: samples.length,
      ...(options.datasetPath ? { path: options.datasetPath } : {}),
    },
    model: {
      id: modelId,
      config,
      ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
      ...(options.apiKeySecret ? { apiKeySecret: options.apiKeySecret } : {}),
    },
    epochs,
    ...(options.limit ? { limit: options.limit } : {}),
    limits: task.limits,
    maxConnections: options.maxConnections ?? 4,
    maxAttempts: options.maxAttempts ?? 3,
    packageVersion: packageVersion(),
    ...(git ? { gitRevision: git } : {}),
    ...(config.seed !== undefined ? { seed: config.seed } : {}),
  };
  const id = newId("run") as RunId;
  await db.transaction().execute(async (trx) => {
    await insertRun(trx, id, spec, samples, epochs);
    await enqueueMany(
      trx,
      evalSampleQueue,
      samples.flatMap((sample) =>
        Array.from({ length: epochs }, (_, i) => ({
          payload: { runId: id, sampleId: sample.id, epoch: i + 1 },
          options: { idempotencyKey: jobKey(id, sample.id, i + 1), maxAttempts: spec.maxAttempts },
        })),
      ),
    );
  });
  return { id, spec };
}

/**
 * Makes an interrupted run runnable again: errored (sample, epoch)s other than model errors go back
 * to pending, and every unfinished one gets a job unless a live one exists. Completed model calls are
 * in the response cache, so none is repeated. Returns how many (sample, epoch)s are left.
 */
export async function resumeRun(db: Db, runId: string): Promise<number> {
  const run = await getRun(db, runId);
  if (!run) throw notFound(`run ${runId}`);
  await resetErrored(db, runId);
  const open = (await listSamples(db, runId)).filter((s) => s.status === "pending" || s.status === "running");
  for (const sample of open) {
    const payload = { runId, sampleId: sample.sampleId, epoch: sample.epoch };
    const options = { maxAttempts: run.spec.maxAttempts };
    const first = await enqueue(db, evalSampleQueue, payload, {
      ...options,
      idempotencyKey: jobKey(runId, sample.sampleId, sample.epoch),
    });
    const state = first.created ? "queued" : (await getJob(db, first.id))?.state;
    // A finished or dead job cannot run again under its key: the resumed attempt gets a new one.
    if (state === "done" || state === "dead")
      await enqueue(db, evalSampleQueue, payload, {
        ...options,
        idempotencyKey: `${jobKey(runId, sample.sampleId, sample.epoch)}:${newId("resume")}`,
      });
  }
  if (open.length > 0 && run.status === "done") await reopenRun(db, runId);
  return open.length;
}

/**
 * A dead job (its attempts ran out while leases expired, so the handler never recorded an outcome)
 * leaves its (sample, epoch) unfinished: record it as an infrastructure error so the run can end.
 */
async function recordDeadJobs(db: Db, runId: string): Promise<void> {
  const dead = await listJobs(db, { queue: evalSampleQueue.name, state: "dead", limit: 500 });
  // Listing the run's samples reads all of them: only worth it when some job is dead.
  if (dead.length === 0) return;
  const open = new Set(
    (await listSamples(db, runId))
      .filter((s) => s.status === "pending" || s.status === "running")
      .map((s) => jobKey(runId, s.sampleId, s.epoch)),
  );
  const outcomes = dead.flatMap((job) => {
    const parsed = evalSampleQueue.schema.safeParse(job.payload);
    if (!parsed.success || parsed.data.runId !== runId) return [];
    if (!open.has(jobKey(runId, parsed.data.sampleId, parsed.data.epoch))) return [];
    const message = `job ${job.id} is dead: ${job.lastError ?? "attempts used up"}`;
    const usage = { inputTokens: 0, outputTokens: 0 };
    const outcome: SampleOutcome = { status: "error", kind: "infrastructure", message, usage, durationMs: 0 };
    return [{ key: parsed.data, outcome }];
  });
  if (outcomes.length > 0) await db.transaction().execute((trx) => finishSamples(trx, outcomes));
}

/** What `runEmbedded` takes besides the handler's dependencies. */
export interface EmbeddedOptions {
  concurrency: number;
  /** Called after each poll of the run's counts. */
  onProgress?: (counts: RunCounts) => void;
  pollMs?: number;
  /** Lease of the in-process workers: a killed process's samples are picked up again after it. */
  leaseMs?: number;
  logger?: QueueLogger;
  /** Stops early (Ctrl-C): running samples are released, the run stays resumable. */
  signal?: AbortSignal;
}

/** Worker lease of embedded runs: short, so a resume soon after a kill picks up the killed jobs. */
export const EMBEDDED_LEASE_MS = 4_000;

/**
 * Runs a run's samples in this process with `concurrency` workers until every (sample, epoch) is done
 * or errored, then marks the run done. Other processes (`aicc worker`) may share the work.
 */
export async function runEmbedded(
  deps: SampleHandlerDeps,
  runId: string,
  options: EmbeddedOptions,
): Promise<RunCounts> {
  const leaseMs = options.leaseMs ?? EMBEDDED_LEASE_MS;
  // The loop polls the run's counts, and looks at once when this process has no sample left in hand:
  // at the end of a run that is when the last one committed.
  let inHand = 0;
  let wake: (() => void) | undefined;
  const handler = sampleHandler(deps);
  const worker = new Worker({
    db: deps.db,
    concurrency: options.concurrency,
    leaseMs,
    pollMaxMs: 500,
    // Samples are short next to a claim's cost: refill several slots per claim.
    claimBatch: Math.max(1, Math.floor(options.concurrency / 10)),
    claimGatherMs: 10,
    ...(options.logger ? { logger: options.logger } : {}),
  }).handle(evalSampleQueue, async (job, ctx) => {
    inHand++;
    try {
      return await handler(job, ctx);
    } finally {
      if (--inHand === 0) wake?.();
    }
  });
  worker.start();
  let lastDeadCheck = Date.now();
  try {
    for (;;) {
      const counts = await runCounts(deps.db, runId);
      options.onProgress?.(counts);
      if (counts.pending + counts.running === 0) {
        await finishRun(deps.db, runId);
        return counts;
      }
      if (options.signal?.aborted) return counts;
      if (Date.now() - lastDeadCheck > leaseMs) {
        lastDeadCheck = Date.now();
        await recordDeadJobs(deps.db, runId);
      }
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          options.signal?.removeEventListener("abort", done);
          wake = undefined;
          resolve();
        };
        const timer = setTimeout(done, options.pollMs ?? 250);
        options.signal?.addEventListener("abort", done, { once: true });
        wake = done;
      });
    }
  } finally {
    await worker.stop({ graceMs: 0 });
  }
}
