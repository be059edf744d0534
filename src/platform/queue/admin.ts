import { sql } from "kysely";
import type { Db, Tx } from "../db/database.ts";
import { conflict, notFound } from "../errors/errors.ts";
import type { Job, JobState, QueueStats } from "./model.ts";
import { toJob } from "./store.ts";

/**
 * The operator's side of the queue: inspect and list jobs, give dead jobs another go, count jobs per
 * queue and state. Nothing here takes a lease, so none of it races a worker's fenced writes: a requeue
 * only touches dead jobs, which no worker holds.
 */

/** One job, or undefined. */
export async function getJob(db: Db | Tx, id: string): Promise<Job | undefined> {
  const row = await db.selectFrom("jobs").selectAll().where("id", "=", id).executeTakeFirst();
  return row && toJob(row);
}

/** Which jobs `listJobs` returns; every field narrows. */
export interface JobFilter {
  queue?: string;
  state?: JobState;
  /** Page size; at most 500. */
  limit?: number;
  /** Keyset paging: only jobs with an id before this one (ids sort by creation time). */
  before?: string;
}

/** Jobs, newest first. */
export async function listJobs(db: Db | Tx, filter: JobFilter = {}): Promise<Job[]> {
  let query = db.selectFrom("jobs").selectAll();
  if (filter.queue !== undefined) query = query.where("queue", "=", filter.queue);
  if (filter.state !== undefined) query = query.where("state", "=", filter.state);
  if (filter.before !== undefined) query = query.where("id", "<", filter.before);
  const rows = await query
    .orderBy("id", "desc")
    .limit(Math.min(500, Math.max(1, filter.limit ?? 50)))
    .execute();
  return rows.map(toJob);
}

/** Field values that put a dead job back in line with a fresh budget of attempts; `last_error` stays. */
const requeued = {
  state: "queued",
  attempts: 0,
  run_at: sql<Date>`now()`,
  finished_at: null,
  updated_at: sql<Date>`now()`,
} as const;

/** Requeues one dead job. Throws `not_found`, or `conflict` when the job is not dead. */
export async function requeueJob(db: Db | Tx, id: string): Promise<Job> {
  const row = await db
    .updateTable("jobs")
    .set(requeued)
    .where("id", "=", id)
    .where("state", "=", "dead")
    .returningAll()
    .executeTakeFirst();
  if (row) return toJob(row);
  const job = await getJob(db, id);
  if (!job) throw notFound(`job ${id}`);
  throw conflict(`job ${id} is ${job.state}, only dead jobs can be requeued`);
}

/** Requeues every dead job (of one queue, when given); returns how many. */
export async function requeueDeadJobs(db: Db | Tx, filter: { queue?: string } = {}): Promise<number> {
  let query = db.updateTable("jobs").set(requeued).where("state", "=", "dead");
  if (filter.queue !== undefined) query = query.where("queue", "=", filter.queue);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Counts per queue and state, queues in name order. */
export async function queueStats(db: Db | Tx): Promise<QueueStats[]> {
  const rows = await db
    .selectFrom("jobs")
    .select(["queue", "state", sql<number>`count(*)::int`.as("count")])
    .groupBy(["queue", "state"])
    .orderBy("queue")
    .execute();
  const byQueue = new Map<string, QueueStats>();
  for (const row of rows) {
    let stats = byQueue.get(row.queue);
    if (!stats) {
      stats = { queue: row.queue, queued: 0, running: 0, done: 0, dead: 0 };
      byQueue.set(row.queue, stats);
    }
    stats[row.state] = row.count;
  }
  return [...byQueue.values()];
}
