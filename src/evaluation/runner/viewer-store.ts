import { sql } from "kysely";
import type { Db } from "../../platform/db/database.ts";
import { invalid } from "../../platform/errors/errors.ts";
import type { Observation } from "../stats/index.ts";
import { type RunId, RunSpecSchema } from "./run-spec.ts";
import type { ErrorKind, RunRecord, SampleStatus } from "./store.ts";
import type { SampleListQuery } from "./viewer-model.ts";

/**
 * The viewer's list queries over the runner's tables: keyset pages of runs and of a run's samples,
 * and the lean per-run observations the runs list summarises. Apart from store.ts because the
 * runner's hot path lives there; both are the runner module's SQL.
 */

function encodeCursor(parts: (string | number)[]): string {
  return Buffer.from(JSON.stringify(parts)).toString("base64url");
}

function decodeCursor<T extends (string | number)[]>(cursor: string, kinds: ("string" | "number")[]): T {
  try {
    const parts = JSON.parse(Buffer.from(cursor, "base64url").toString()) as unknown;
    if (Array.isArray(parts) && parts.length === kinds.length && parts.every((p, i) => typeof p === kinds[i]))
      return parts as T;
  } catch {
    // fall through: not JSON
  }
  throw invalid("query.cursor", "not a cursor this list returned");
}

/** Runs, newest first: a keyset page on (created_at, id). */
export async function listRunPage(
  db: Db,
  page: { limit: number; cursor?: string | undefined },
): Promise<{ runs: RunRecord[]; nextCursor: string | null }> {
  let query = db
    .selectFrom("eval_runs")
    .selectAll()
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(page.limit + 1);
  if (page.cursor) {
    const [at, id] = decodeCursor<[string, string]>(page.cursor, ["string", "string"]);
    if (Number.isNaN(Date.parse(at))) throw invalid("query.cursor", "not a cursor this list returned");
    query = query.where(sql<boolean>`(created_at, id) < (${at}::timestamptz, ${id})`);
  }
  const rows = await query.execute();
  const runs = rows.slice(0, page.limit).map((row) => ({
    id: row.id as RunId,
    spec: RunSpecSchema.parse(row.spec),
    status: row.status,
    engagementId: row.engagement_id,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  }));
  const last = runs.at(-1);
  return {
    runs,
    nextCursor: rows.length > page.limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
  };
}

/** Per run: (sample, epoch)s by status. */
export async function statusCounts(db: Db, runIds: string[]): Promise<Map<string, Record<SampleStatus, number>>> {
  const counts = new Map<string, Record<SampleStatus, number>>();
  if (runIds.length === 0) return counts;
  const rows = await db
    .selectFrom("eval_samples")
    .select(["run_id", "status", (eb) => eb.fn.countAll<number>().as("n")])
    .where("run_id", "in", runIds)
    .groupBy(["run_id", "status"])
    .execute();
  for (const row of rows) {
    const run = counts.get(row.run_id) ?? { pending: 0, running: 0, done: 0, error: 0 };
    run[row.status] = Number(row.n);
    counts.set(row.run_id, run);
  }
  return counts;
}

/**
 * Per run: the observations of its primary scorer, read without the samples' inputs. The same rule
 * as `observationsOf`: finished (sample, epoch)s that the scorer scored.
 */
export async function primaryObservations(db: Db, runIds: string[]): Promise<Map<string, Observation[]>> {
  const byRun = new Map<string, Observation[]>();
  if (runIds.length === 0) return byRun;
  const scorer = sql<string>`(r.spec -> 'task' -> 'scorers' ->> 0)`;
  const rows = await sql<{
    run_id: string;
    id: string;
    value: number;
    category: string | null;
    cluster: string | null;
  }>`
    select s.run_id, s.sample_id as id, (s.score -> ${scorer} ->> 'value')::float8 as value,
      s.sample ->> 'category' as category, s.sample ->> 'cluster' as cluster
    from eval_samples s join eval_runs r on r.id = s.run_id
    where s.run_id in (${sql.join(runIds)}) and s.status = 'done' and (s.score -> ${scorer}) is not null
    order by s.run_id, s.sample_id, s.epoch`.execute(db);
  for (const row of rows.rows) {
    const list = byRun.get(row.run_id) ?? [];
    list.push({
      id: row.id,
      value: Number(row.value),
      ...(row.category !== null ? { category: row.category } : {}),
      ...(row.cluster !== null ? { cluster: row.cluster } : {}),
    });
    byRun.set(row.run_id, list);
  }
  return byRun;
}

export interface SampleRow {
  sampleId: string;
  epoch: number;
  status: SampleStatus;
  category: string | null;
  target: string | string[];
  value: number | null;
  answer: string | null;
  errorKind: ErrorKind | null;
  limit: "tokens" | "turns" | "time" | null;
  tokens: number;
  durationMs: number | null;
}

/** A keyset page of a run's (sample, epoch)s on (sample_id, epoch), filtered by outcome under `scorer` and by category. */
export async function listSamplePage(
  db: Db,
  runId: string,
  scorer: string,
  query: SampleListQuery,
): Promise<{ items: SampleRow[]; nextCursor: string | null }> {
  const value = sql<number>`(score -> ${scorer} ->> 'value')::float8`;
  let q = db
    .selectFrom("eval_samples")
    .select([
      "sample_id",
      "epoch",
      "status",
      "answer",
      "error_kind",
      "limit_hit",
      "duration_ms",
      value.as("value"),
      sql<string | null>`sample ->> 'category'`.as("category"),
      sql<string | string[]>`sample -> 'target'`.as("target"),
      sql<number>`coalesce((usage ->> 'inputTokens')::float8, 0) + coalesce((usage ->> 'outputTokens')::float8, 0)`.as(
        "tokens",
      ),
    ])
    .where("run_id", "=", runId)
    .orderBy("sample_id")
    .orderBy("epoch")
    .limit(query.limit + 1);
  if (query.score === "error") q = q.where("status", "=", "error");
  if (query.score === "correct") q = q.where("status", "=", "done").where(value, ">=", 1);
  if (query.score === "incorrect") q = q.where("status", "=", "done").where(value, "<", 1);
  if (query.category !== undefined) q = q.where(sql<string>`sample ->> 'category'`, "=", query.category);
  if (query.cursor) {
    const [sampleId, epoch] = decodeCursor<[string, number]>(query.cursor, ["string", "number"]);
    q = q.where(sql<boolean>`(sample_id, epoch) > (${sampleId}, ${epoch}::int)`);
  }
  const rows = await q.execute();
  const items = rows.slice(0, query.limit).map(
    (row): SampleRow => ({
      sampleId: row.sample_id,
      epoch: row.epoch,
      status: row.status,
      category: row.category,
      target: row.target ?? "",
      value: row.value === null ? null : Number(row.value),
      answer: row.answer,
      errorKind: row.error_kind,
      limit: row.limit_hit,
      tokens: Number(row.tokens),
      durationMs: row.duration_ms,
    }),
  );
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.sampleId, last.epoch]) : null,
  };
}
