import { sql } from "kysely";
import type { Db, Tx } from "../../platform/db/database.ts";
import type { ModelOutput, Sample, SampleEvent, Score, Usage } from "../model.ts";
import type { ResponseCache } from "../providers/response-cache.ts";
import { type RunId, type RunSpec, RunSpecSchema } from "./run-spec.ts";

/**
 * The runner's SQL: runs, their (sample, epoch) rows, the event log and the response cache. Only
 * this file touches the `eval_*` tables.
 */

export type SampleStatus = "pending" | "running" | "done" | "error";
export type ErrorKind = "infrastructure" | "model" | "limit" | "scorer";

export interface RunRecord {
  id: RunId;
  spec: RunSpec;
  status: "running" | "done";
  engagementId: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

/** One (sample, epoch) of a run as stored. */
export interface SampleRecord {
  sampleId: string;
  epoch: number;
  sample: Sample;
  status: SampleStatus;
  /** Scorer name → score. */
  score: Record<string, Score> | null;
  answer: string | null;
  errorKind: ErrorKind | null;
  errorMessage: string | null;
  limit: "tokens" | "turns" | "time" | null;
  usage: Usage | null;
  attempts: number;
  durationMs: number | null;
}

/** What a finished (sample, epoch) writes. */
export type SampleOutcome =
  | {
      status: "done";
      score: Record<string, Score>;
      answer: string;
      usage: Usage;
      limit?: "tokens" | "turns" | "time";
      durationMs: number;
    }
  | { status: "error"; kind: ErrorKind; message: string; usage: Usage; durationMs: number };

const json = (value: unknown) => JSON.stringify(value ?? null);

export async function insertRun(trx: Tx, id: RunId, spec: RunSpec, samples: Sample[], epochs: number): Promise<void> {
  await trx
    .insertInto("eval_runs")
    .values({ id, spec: json(spec), engagement_id: null })
    .execute();
  const rows = samples.flatMap((sample) =>
    Array.from({ length: epochs }, (_, i) => ({
      run_id: id,
      sample_id: sample.id,
      epoch: i + 1,
      sample: json(sample),
    })),
  );
  // Chunked: a statement has at most 65535 parameters.
  for (let i = 0; i < rows.length; i += 1_000)
    await trx
      .insertInto("eval_samples")
      .values(rows.slice(i, i + 1_000))
      .execute();
}

export async function getRun(db: Db | Tx, id: string): Promise<RunRecord | undefined> {
  const row = await db.selectFrom("eval_runs").selectAll().where("id", "=", id).executeTakeFirst();
  return (
    row && {
      id: row.id as RunId,
      spec: RunSpecSchema.parse(row.spec),
      status: row.status,
      engagementId: row.engagement_id,
      createdAt: row.created_at,
      finishedAt: row.finished_at,
    }
  );
}

export async function listRuns(db: Db, limit = 100): Promise<RunRecord[]> {
  const rows = await db.selectFrom("eval_runs").select("id").orderBy("created_at", "desc").limit(limit).execute();
  const runs = await Promise.all(rows.map((row) => getRun(db, row.id)));
  return runs.filter((run): run is RunRecord => run !== undefined);
}

export async function finishRun(db: Db, id: string): Promise<void> {
  await db
    .updateTable("eval_runs")
    .set({ status: "done", finished_at: sql<Date>`now()` })
    .where("id", "=", id)
    .where("status", "=", "running")
    .execute();
}

/** A finished run that a resume makes runnable again. */
export async function reopenRun(db: Db, id: string): Promise<void> {
  await db.updateTable("eval_runs").set({ status: "running", finished_at: null }).where("id", "=", id).execute();
}

function toSampleRecord(row: {
  sample_id: string;
  epoch: number;
  sample: unknown;
  status: SampleStatus;
  score: unknown;
  answer: string | null;
  error_kind: ErrorKind | null;
  error_message: string | null;
  limit_hit: "tokens" | "turns" | "time" | null;
  usage: unknown;
  attempts: number;
  duration_ms: number | null;
}): SampleRecord {
  return {
    sampleId: row.sample_id,
    epoch: row.epoch,
    sample: row.sample as Sample,
    status: row.status,
    score: row.score as Record<string, Score> | null,
    answer: row.answer,
    errorKind: row.error_kind,
    errorMessage: row.error_message,
    limit: row.limit_hit,
    usage: row.usage as Usage | null,
    attempts: row.attempts,
    durationMs: row.duration_ms,
  };
}

export async function getSample(
  db: Db | Tx,
  runId: string,
  sampleId: string,
  epoch: number,
): Promise<SampleRecord | undefined> {
  const row = await db
    .selectFrom("eval_samples")
    .selectAll()
    .where("run_id", "=", runId)
    .where("sample_id", "=", sampleId)
    .where("epoch", "=", epoch)
    .executeTakeFirst();
  return row && toSampleRecord(row);
}

export async function listSamples(db: Db | Tx, runId: string): Promise<SampleRecord[]> {
  const rows = await db
    .selectFrom("eval_samples")
    .selectAll()
    .where("run_id", "=", runId)
    .orderBy("sample_id")
    .orderBy("epoch")
    .execute();
  return rows.map(toSampleRecord);
}

/** Marks an attempt started; returns the next free event sequence number of the (sample, epoch). */
export async function startSample(db: Db, runId: string, sampleId: string, epoch: number): Promise<number> {
  await db
    .updateTable("eval_samples")
    .set((eb) => ({ status: "running", started_at: sql<Date>`now()`, attempts: eb("attempts", "+", 1) }))
    .where("run_id", "=", runId)
    .where("sample_id", "=", sampleId)
    .where("epoch", "=", epoch)
    .where("status", "in", ["pending", "running"])
    .execute();
  const row = await db
    .selectFrom("eval_events")
    .select((eb) => eb.fn.max("seq").as("seq"))
    .where("run_id", "=", runId)
    .where("sample_id", "=", sampleId)
    .where("epoch", "=", epoch)
    .executeTakeFirst();
  return (row?.seq ?? 0) + 1;
}

/** Appends events of one (sample, epoch) attempt. */
export async function appendEvents(
  db: Db | Tx,
  key: { runId: string; sampleId: string; epoch: number; attempt: number },
  events: { seq: number; event: SampleEvent }[],
): Promise<void> {
  if (events.length === 0) return;
  await db
    .insertInto("eval_events")
    .values(
      events.map(({ seq, event }) => ({
        run_id: key.runId,
        sample_id: key.sampleId,
        epoch: key.epoch,
        seq,
        attempt: key.attempt,
        type: event.type,
        payload: json(event),
        at: event.at,
      })),
    )
    .execute();
}

/** Events of a run (or one sample of it), in order. */
export async function listEvents(
  db: Db,
  runId: string,
  filter: { sampleId?: string; epoch?: number } = {},
): Promise<{ sampleId: string; epoch: number; seq: number; attempt: number; event: SampleEvent }[]> {
  let query = db.selectFrom("eval_events").selectAll().where("run_id", "=", runId);
  if (filter.sampleId !== undefined) query = query.where("sample_id", "=", filter.sampleId);
  if (filter.epoch !== undefined) query = query.where("epoch", "=", filter.epoch);
  const rows = await query.orderBy("sample_id").orderBy("epoch").orderBy("seq").execute();
  return rows.map((row) => ({
    sampleId: row.sample_id,
    epoch: row.epoch,
    seq: row.seq,
    attempt: row.attempt,
    event: row.payload as SampleEvent,
  }));
}

/** Writes a (sample, epoch)'s outcome; inside the job's commit, so it happens exactly once. */
export async function finishSample(
  trx: Tx,
  key: { runId: string; sampleId: string; epoch: number },
  outcome: SampleOutcome,
): Promise<void> {
  const common = {
    status: outcome.status,
    usage: json(outcome.usage),
    duration_ms: Math.round(outcome.durationMs),
    finished_at: sql<Date>`now()`,
  };
  await trx
    .updateTable("eval_samples")
    .set(
      outcome.status === "done"
        ? {
            ...common,
            score: json(outcome.score),
            answer: outcome.answer,
            limit_hit: outcome.limit ?? null,
            error_kind: null,
            error_message: null,
          }
        : { ...common, score: null, answer: null, error_kind: outcome.kind, error_message: outcome.message },
    )
    .where("run_id", "=", key.runId)
    .where("sample_id", "=", key.sampleId)
    .where("epoch", "=", key.epoch)
    .execute();
}

/** Puts errored (sample, epoch)s of a run back to pending, for a resume; returns them. */
export async function resetErrored(db: Db, runId: string): Promise<{ sampleId: string; epoch: number }[]> {
  const rows = await db
    .updateTable("eval_samples")
    .set({ status: "pending", error_kind: null, error_message: null, finished_at: null })
    .where("run_id", "=", runId)
    .where("status", "=", "error")
    .returning(["sample_id", "epoch"])
    .execute();
  return rows.map((row) => ({ sampleId: row.sample_id, epoch: row.epoch }));
}

/** Live counts of a run: per status, tokens so far. */
export interface RunCounts {
  total: number;
  pending: number;
  running: number;
  done: number;
  error: number;
  inputTokens: number;
  outputTokens: number;
}

export async function runCounts(db: Db, runId: string): Promise<RunCounts> {
  const rows = await sql<{ status: SampleStatus; n: number; input: number; output: number }>`
    select status, count(*)::int as n,
      coalesce(sum((usage->>'inputTokens')::bigint), 0)::float8 as input,
      coalesce(sum((usage->>'outputTokens')::bigint), 0)::float8 as output
    from eval_samples where run_id = ${runId} group by status`.execute(db);
  const counts: RunCounts = { total: 0, pending: 0, running: 0, done: 0, error: 0, inputTokens: 0, outputTokens: 0 };
  for (const row of rows.rows) {
    counts[row.status] = row.n;
    counts.total += row.n;
    counts.inputTokens += Number(row.input);
    counts.outputTokens += Number(row.output);
  }
  return counts;
}

/**
 * The response cache of one run in `eval_model_calls`. A completed call is stored as soon as its
 * answer arrives (not at the sample's end), so a run killed mid-sample replays it on resume.
 */
export class DbResponseCache implements ResponseCache {
  constructor(
    private readonly db: Db,
    private readonly runId: string,
    private readonly scope: { sampleId: string; epoch: number },
  ) {}

  async get(key: string): Promise<ModelOutput | undefined> {
    const row = await this.db
      .selectFrom("eval_model_calls")
      .select("output")
      .where("run_id", "=", this.runId)
      .where("key", "=", key)
      .executeTakeFirst();
    return row?.output as ModelOutput | undefined;
  }

  async set(key: string, output: ModelOutput): Promise<void> {
    await this.db
      .insertInto("eval_model_calls")
      .values({
        run_id: this.runId,
        key,
        sample_id: this.scope.sampleId,
        epoch: this.scope.epoch,
        output: json(output),
      })
      .onConflict((oc) => oc.columns(["run_id", "key"]).doNothing())
      .execute();
  }
}

/** Completed model calls of a run per (sample, epoch): `sampleId#epoch` → count. */
export async function modelCallCounts(db: Db, runId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom("eval_model_calls")
    .select(["sample_id", "epoch", (eb) => eb.fn.countAll<number>().as("n")])
    .where("run_id", "=", runId)
    .groupBy(["sample_id", "epoch"])
    .execute();
  return new Map(rows.map((row) => [`${row.sample_id}#${row.epoch}`, Number(row.n)]));
}
