import { type Insertable, sql } from "kysely";
import type { Db, Tx } from "../../platform/db/database.ts";
import type { ModelOutput, Sample, SampleEvent, Score, Usage } from "../model.ts";
import type { ResponseCache } from "../providers/response-cache.ts";
import { type RunId, type RunSpec, RunSpecSchema } from "./run-spec.ts";
import type { EvalModelCallsTable } from "./tables.ts";

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
  run_id: string;
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

/** A (sample, epoch) of a run. */
export interface SampleKey {
  runId: string;
  sampleId: string;
  epoch: number;
}

/** An attempt just started: the row as updated and the next free event sequence number. */
export interface StartedSample {
  record: SampleRecord;
  nextSeq: number;
}

/**
 * Marks an attempt of each pending or running (sample, epoch) of `keys` started, in one statement:
 * returns, in the order of `keys`, the row as updated (its `attempts` counts this one) with the next
 * free event sequence number, or undefined when that (sample, epoch) is finished or does not exist.
 */
export async function startSamples(db: Db, keys: readonly SampleKey[]): Promise<(StartedSample | undefined)[]> {
  if (keys.length === 0) return [];
  const values = keys.map((key) => sql`(${key.runId}, ${key.sampleId}, ${key.epoch}::int)`);
  const rows = await sql<Parameters<typeof toSampleRecord>[0] & { next_seq: number }>`
    update eval_samples s set status = 'running', started_at = now(), attempts = s.attempts + 1
    from (values ${sql.join(values)}) as k (run_id, sample_id, epoch)
    where s.run_id = k.run_id and s.sample_id = k.sample_id and s.epoch = k.epoch and s.status in ('pending', 'running')
    returning s.*,
      -- Only an earlier attempt can have written events: the first one skips the lookup.
      case when s.attempts = 1 then 1 else (select coalesce(max(e.seq), 0) + 1 from eval_events e
        where e.run_id = s.run_id and e.sample_id = s.sample_id and e.epoch = s.epoch) end as next_seq`.execute(db);
  const started = new Map(
    rows.rows.map((row) => [
      `${row.run_id}\u0000${row.sample_id}\u0000${row.epoch}`,
      { record: toSampleRecord(row), nextSeq: Number(row.next_seq) },
    ]),
  );
  return keys.map((key) => started.get(`${key.runId}\u0000${key.sampleId}\u0000${key.epoch}`));
}

/** Which attempt of which (sample, epoch) events belong to. */
export interface AttemptKey extends SampleKey {
  attempt: number;
}

/** Rows per statement: 8 parameters a row, and a statement has at most 65535. */
const EVENT_CHUNK = 1_000;

/** Appends events of (sample, epoch) attempts, all in one multi-row insert per EVENT_CHUNK events. */
export async function appendEvents(
  db: Db | Tx,
  entries: readonly { key: AttemptKey; events: readonly { seq: number; event: SampleEvent }[] }[],
): Promise<void> {
  const rows = entries.flatMap(({ key, events }) =>
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
  );
  for (let i = 0; i < rows.length; i += EVENT_CHUNK)
    await db
      .insertInto("eval_events")
      .values(rows.slice(i, i + EVENT_CHUNK))
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

/** Rows per statement: 11 parameters a row, and a statement has at most 65535. */
const OUTCOME_CHUNK = 2_000;

/**
 * Writes (sample, epoch)s' outcomes, one `update … from (values …)` per OUTCOME_CHUNK; inside their
 * jobs' commit, so each happens exactly once.
 */
export async function finishSamples(
  trx: Tx,
  entries: readonly { key: SampleKey; outcome: SampleOutcome }[],
): Promise<void> {
  const rows = entries.map(({ key, outcome }) => {
    const done = outcome.status === "done";
    return sql`(${key.runId}, ${key.sampleId}, ${key.epoch}::int, ${outcome.status}, ${json(outcome.usage)}::jsonb,
      ${Math.round(outcome.durationMs)}::int, ${done ? json(outcome.score) : null}::jsonb, ${done ? outcome.answer : null},
      ${done ? (outcome.limit ?? null) : null}, ${done ? null : outcome.kind}, ${done ? null : outcome.message})`;
  });
  for (let i = 0; i < rows.length; i += OUTCOME_CHUNK)
    await sql`update eval_samples s set status = o.status, usage = o.usage, duration_ms = o.duration_ms,
        score = o.score, answer = o.answer, limit_hit = o.limit_hit, error_kind = o.error_kind,
        error_message = o.error_message, finished_at = now()
      from (values ${sql.join(rows.slice(i, i + OUTCOME_CHUNK))})
        as o (run_id, sample_id, epoch, status, usage, duration_ms, score, answer, limit_hit, error_kind, error_message)
      where s.run_id = o.run_id and s.sample_id = o.sample_id and s.epoch = o.epoch`.execute(trx);
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
 * The response cache of one (sample, epoch) of a run in `eval_model_calls`. A completed call is
 * stored as soon as its answer arrives (not at the sample's end), so a run killed mid-sample replays
 * it on resume. Only attempts of this (sample, epoch) write its rows, so on its first attempt
 * (`firstAttempt`) there is nothing to read and lookups cost no query.
 */
export class DbResponseCache implements ResponseCache {
  /** Answers stored by this attempt. */
  private readonly written = new Map<string, ModelOutput>();

  constructor(
    private readonly db: Db,
    private readonly runId: string,
    private readonly scope: { sampleId: string; epoch: number },
    private readonly firstAttempt = false,
  ) {}

  async get(key: string): Promise<ModelOutput | undefined> {
    const own = this.written.get(key);
    if (own || this.firstAttempt) return own;
    const row = await this.db
      .selectFrom("eval_model_calls")
      .select("output")
      .where("run_id", "=", this.runId)
      .where("key", "=", key)
      .executeTakeFirst();
    return row?.output as ModelOutput | undefined;
  }

  async set(key: string, output: ModelOutput): Promise<void> {
    await modelCallWriter(this.db).write({
      run_id: this.runId,
      key,
      sample_id: this.scope.sampleId,
      epoch: this.scope.epoch,
      output: json(output),
    });
    this.written.set(key, output);
  }
}

type ModelCallRow = Insertable<EvalModelCallsTable>;

/**
 * Writes completed model calls. Each call is stored before its sample goes on (what makes a killed
 * run resume without repeating it); calls that complete while a write is in flight wait for it and
 * go out together in the next multi-row insert, so a hundred concurrent samples do not queue a
 * hundred single inserts on PGlite's one connection.
 */
class ModelCallWriter {
  #waiting: { row: ModelCallRow; stored: () => void; failed: (error: unknown) => void }[] = [];
  #writing = false;

  constructor(private readonly db: Db) {}

  write(row: ModelCallRow): Promise<void> {
    return new Promise((stored, failed) => {
      this.#waiting.push({ row, stored, failed });
      if (!this.#writing) void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    this.#writing = true;
    while (this.#waiting.length > 0) {
      const batch = this.#waiting.splice(0, 500);
      try {
        await this.db
          .insertInto("eval_model_calls")
          .values(batch.map((b) => b.row))
          .onConflict((oc) => oc.columns(["run_id", "key"]).doNothing())
          .execute();
        for (const b of batch) b.stored();
      } catch (error) {
        for (const b of batch) b.failed(error);
      }
    }
    this.#writing = false;
  }
}

const modelCallWriters = new WeakMap<Db, ModelCallWriter>();

function modelCallWriter(db: Db): ModelCallWriter {
  let writer = modelCallWriters.get(db);
  if (!writer) {
    writer = new ModelCallWriter(db);
    modelCallWriters.set(db, writer);
  }
  return writer;
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
