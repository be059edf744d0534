import type { Db } from "../../platform/db/database.ts";
import { notFound } from "../../platform/errors/errors.ts";
import {
  byCategory,
  comparePaired,
  type Estimate,
  estimate,
  type Observation,
  type PairedComparison,
} from "../stats/index.ts";
import { getRun, listSamples, type RunRecord, type SampleRecord } from "./store.ts";

/** A run's results: the primary scorer's accuracy with its interval, per category, errors apart. */
export interface RunResults {
  run: RunRecord;
  /** The scorer the accuracy is of (the task's first). */
  scorer: string;
  /** (sample, epoch)s in the run, and how many are scored, errored and still open. */
  total: number;
  scored: number;
  open: number;
  /** Accuracy over scored (sample, epoch)s; errored ones are left out, never counted as misses. */
  accuracy: (Estimate & { ci95: [number, number] }) | null;
  byCategory: ({ category: string } & Estimate)[];
  /** Errors by kind: infrastructure, model, scorer (limit hits are scored and counted under `limits`). */
  errors: Record<string, number>;
  limits: Record<string, number>;
  /** Scored answers the refusal classifier marked as refusals. */
  refusals: number;
  tokens: { input: number; output: number };
}

/** Observations of the run's scored (sample, epoch)s under `scorer`. */
export function observationsOf(samples: readonly SampleRecord[], scorer: string): Observation[] {
  return samples.flatMap((record) => {
    const score = record.status === "done" ? record.score?.[scorer] : undefined;
    if (!score) return [];
    return [
      {
        id: record.sampleId,
        value: score.value,
        ...(record.sample.category ? { category: record.sample.category } : {}),
        ...(record.sample.cluster ? { cluster: record.sample.cluster } : {}),
      },
    ];
  });
}

async function loadRun(db: Db, runId: string): Promise<{ run: RunRecord; samples: SampleRecord[]; scorer: string }> {
  const run = await getRun(db, runId);
  if (!run) throw notFound(`run ${runId}`);
  const scorer = run.spec.task.scorers[0];
  if (!scorer) throw new Error(`run ${runId}'s task has no scorer`);
  return { run, samples: await listSamples(db, runId), scorer };
}

/** Summarises a run (finished or not: open samples are counted apart). */
export async function runResults(db: Db, runId: string): Promise<RunResults> {
  const { run, samples, scorer } = await loadRun(db, runId);
  const observations = observationsOf(samples, scorer);
  const errors: Record<string, number> = {};
  const limits: Record<string, number> = {};
  let refusals = 0;
  let input = 0;
  let output = 0;
  for (const record of samples) {
    if (record.status === "error")
      errors[record.errorKind ?? "infrastructure"] = (errors[record.errorKind ?? "infrastructure"] ?? 0) + 1;
    if (record.limit) limits[record.limit] = (limits[record.limit] ?? 0) + 1;
    if (record.status === "done" && Object.values(record.score ?? {}).some((score) => score.refused)) refusals++;
    input += record.usage?.inputTokens ?? 0;
    output += record.usage?.outputTokens ?? 0;
  }
  return {
    run,
    scorer,
    total: samples.length,
    scored: observations.length,
    open: samples.filter((s) => s.status === "pending" || s.status === "running").length,
    accuracy: observations.length > 0 ? estimate(observations) : null,
    byCategory: observations.length > 0 ? byCategory(observations) : [],
    errors,
    limits,
    refusals,
    tokens: { input, output },
  };
}

/** Paired comparison of two runs on the samples both scored (candidate = A, reference = B). */
export async function compareRuns(
  db: Db,
  runA: string,
  runB: string,
): Promise<{ a: string; b: string; scorer: string; comparison: PairedComparison }> {
  const a = await loadRun(db, runA);
  const b = await loadRun(db, runB);
  if (a.scorer !== b.scorer) throw new Error(`the runs are scored differently (${a.scorer} vs ${b.scorer})`);
  const comparison = comparePaired(observationsOf(a.samples, a.scorer), observationsOf(b.samples, b.scorer));
  return { a: runA, b: runB, scorer: a.scorer, comparison };
}
