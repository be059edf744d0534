import { type ExpressionBuilder, type Selectable, sql } from "kysely";
import type { z } from "zod";
import type { Db, Tx } from "../db/database.ts";
import type { Database, JobsTable } from "../db/schema.ts";
import { invalid } from "../errors/errors.ts";
import { newId } from "../ids/ids.ts";
import {
  type EnqueueOptions,
  type EnqueueResult,
  type Job,
  type JobId,
  type JobState,
  type Lease,
  LeaseLostError,
  type QueueDef,
} from "./model.ts";
import { announceEnqueue } from "./wake.ts";

/**
 * The queue's SQL: enqueue, claim, and the lease-fenced writes of a worker (heartbeat, commit,
 * complete, fail, release). Every time is the database's `now()`, never the JS clock, so workers on
 * several machines agree on when a job is due and when a lease has expired.
 */

/** `now() + ms`, on the database clock. */
function nowPlus(ms: number) {
  return sql<Date>`now() + (${ms}::double precision * interval '1 millisecond')`;
}

const now = sql<Date>`now()`;

/** The row only while `lease` still holds it: same claim (owner + attempt) and still running. */
function held(lease: Lease) {
  return (eb: ExpressionBuilder<Database, "jobs">) =>
    eb.and([
      eb("id", "=", lease.jobId),
      eb("lease_owner", "=", lease.owner),
      eb("attempts", "=", lease.attempt),
      eb("state", "=", "running"),
    ]);
}

/** Maps a stored row to a job. */
export function toJob(row: Selectable<JobsTable>): Job {
  return {
    id: row.id as JobId,
    queue: row.queue,
    payload: row.payload,
    priority: row.priority,
    state: row.state,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    runAt: row.run_at,
    leaseOwner: row.lease_owner,
    leaseUntil: row.lease_until,
    idempotencyKey: row.idempotency_key,
    lastError: row.last_error,
    result: row.result,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
  };
}

/** JSON text for a jsonb column; `undefined` (a handler that returns nothing) is stored as null. */
function jsonText(value: unknown): string {
  return JSON.stringify(value === undefined ? null : value);
}

function checkOptions(options: EnqueueOptions): void {
  if (options.priority !== undefined && !Number.isSafeInteger(options.priority))
    throw invalid("priority", "must be an integer");
  if (options.delayMs !== undefined && !(options.delayMs >= 0)) throw invalid("delayMs", "must be zero or more");
  if (options.maxAttempts !== undefined && !(Number.isInteger(options.maxAttempts) && options.maxAttempts >= 1))
    throw invalid("maxAttempts", "must be a positive integer");
  if (options.idempotencyKey !== undefined && options.idempotencyKey.length === 0)
    throw invalid("idempotencyKey", "must not be empty");
}

/**
 * Adds a job. Takes `Db | Tx` so a use case can enqueue inside its own transaction: its writes and its
 * jobs then commit (or roll back) together. With an idempotency key already used in this queue, returns
 * the existing job's id (whatever its payload or state) and adds nothing.
 */
export async function enqueue<S extends z.ZodType>(
  db: Db | Tx,
  def: QueueDef<S>,
  payload: z.input<S>,
  options: EnqueueOptions = {},
): Promise<EnqueueResult> {
  const [result] = await enqueueMany(db, def, [{ payload, options }]);
  return result!;
}

/** One job of `enqueueMany`. */
export interface EnqueueItem<P> {
  payload: P;
  options?: EnqueueOptions;
}

/** Rows per insert: 7 parameters a row, and a statement has at most 65535. */
const ENQUEUE_CHUNK = 1_000;

/**
 * `enqueue` for many jobs, with multi-row inserts: results in the order of `items`. A key used twice
 * in `items` adds one job, and both get its id.
 */
export async function enqueueMany<S extends z.ZodType>(
  db: Db | Tx,
  def: QueueDef<S>,
  items: readonly EnqueueItem<z.input<S>>[],
): Promise<EnqueueResult[]> {
  const rows = items.map(({ payload, options = {} }) => {
    const parsed = def.schema.safeParse(payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw invalid(["payload", ...issue.path.map(String)].join("."), issue.message);
    }
    checkOptions(options);
    return {
      id: newId("job") as JobId,
      queue: def.name,
      // The input is stored, not the parsed value: the worker parses it again, so transforms apply once.
      payload: jsonText(payload),
      priority: options.priority ?? 0,
      max_attempts: options.maxAttempts ?? def.maxAttempts,
      run_at: nowPlus(options.delayMs ?? 0),
      idempotency_key: options.idempotencyKey ?? null,
    };
  });
  const created = new Set<string>();
  for (let i = 0; i < rows.length; i += ENQUEUE_CHUNK) {
    const inserted = await db
      .insertInto("jobs")
      .values(rows.slice(i, i + ENQUEUE_CHUNK))
      // A concurrent insert of the same key waits for the other transaction, then does nothing.
      .onConflict((oc) => oc.columns(["queue", "idempotency_key"]).where("idempotency_key", "is not", null).doNothing())
      .returning("id")
      .execute();
    for (const row of inserted) created.add(row.id);
  }
  const taken = rows.flatMap((row) =>
    created.has(row.id) || row.idempotency_key === null ? [] : [row.idempotency_key],
  );
  const existing = new Map<string | null, string>();
  for (let i = 0; i < taken.length; i += ENQUEUE_CHUNK) {
    const found = await db
      .selectFrom("jobs")
      .select(["id", "idempotency_key"])
      .where("queue", "=", def.name)
      .where("idempotency_key", "in", taken.slice(i, i + ENQUEUE_CHUNK))
      .execute();
    for (const row of found) existing.set(row.idempotency_key, row.id);
  }
  if (created.size > 0) announceEnqueue(def.name);
  return rows.map((row) =>
    created.has(row.id)
      ? { id: row.id, created: true }
      : { id: existing.get(row.idempotency_key) as JobId, created: false },
  );
}

/** What `claimJobs` takes: which queues, for whom, how many, and for how long. */
export interface ClaimOptions {
  queues: readonly string[];
  /** Names the claiming worker; stored as `lease_owner`. */
  owner: string;
  limit: number;
  leaseMs: number;
}

/**
 * Claims up to `limit` due jobs, highest priority first, then oldest `run_at`; each claim is one more
 * attempt. In the same statement, jobs whose lease expired (their worker crashed or stalled) go back to
 * `queued`, or to `dead` when that was their last attempt, so the next claim picks them up. `SKIP LOCKED`
 * lets any number of workers claim at once without waiting for or double-claiming each other's rows.
 */
export async function claimJobs(db: Db, options: ClaimOptions): Promise<Job[]> {
  if (options.queues.length === 0 || options.limit < 1) return [];
  const rows = await db
    .with("reclaimed", (qb) =>
      qb
        .updateTable("jobs")
        .set({
          state: sql<JobState>`case when attempts >= max_attempts then 'dead' else 'queued' end`,
          last_error: sql<string>`'lease of ' || lease_owner || ' expired during attempt ' || attempts`,
          finished_at: sql<Date | null>`case when attempts >= max_attempts then now() end`,
          lease_owner: null,
          lease_until: null,
          updated_at: now,
        })
        .where("id", "in", (eb) =>
          eb
            .selectFrom("jobs")
            .select("id")
            .where("state", "=", "running")
            .where("lease_until", "<", now)
            .where("queue", "in", options.queues)
            .forUpdate()
            .skipLocked(),
        )
        .returning("id"),
    )
    // Materialised so the LIMIT subquery runs exactly once, whatever plan the outer UPDATE gets.
    .with(
      (cte) => cte("picked").materialized(),
      (qb) =>
        qb
          .selectFrom("jobs")
          .select("id")
          .where("state", "=", "queued")
          .where("queue", "in", options.queues)
          .where("run_at", "<=", now)
          .orderBy("priority", "desc")
          .orderBy("run_at")
          .orderBy("id")
          .limit(options.limit)
          .forUpdate()
          .skipLocked(),
    )
    .updateTable("jobs")
    .set((eb) => ({
      state: "running",
      attempts: eb("attempts", "+", 1),
      lease_owner: options.owner,
      lease_until: nowPlus(options.leaseMs),
      updated_at: now,
    }))
    .where("id", "in", (eb) => eb.selectFrom("picked").select("picked.id"))
    .returningAll()
    .execute();
  return rows
    .map(toJob)
    .sort((a, b) => b.priority - a.priority || a.runAt.getTime() - b.runAt.getTime() || a.id.localeCompare(b.id));
}

/** The rows of `leases` that they still hold (see `held`). */
function heldAll(leases: readonly Lease[]) {
  const keys = leases.map((lease) => sql`(${lease.jobId}, ${lease.owner}, ${lease.attempt}::int)`);
  return sql<boolean>`state = 'running' and (id, lease_owner, attempts) in (${sql.join(keys)})`;
}

/** Heartbeat of several jobs in one statement: extends the leases still held; returns their jobs. */
export async function extendLeases(db: Db, leases: readonly Lease[], leaseMs: number): Promise<Set<JobId>> {
  if (leases.length === 0) return new Set();
  const rows = await db
    .updateTable("jobs")
    .set({ lease_until: nowPlus(leaseMs) })
    .where(heldAll(leases))
    .returning("id")
    .execute();
  return new Set(rows.map((row) => row.id as JobId));
}

/** Heartbeat: extends the lease from now. False when the lease is no longer held. */
export async function extendLease(db: Db, lease: Lease, leaseMs: number): Promise<boolean> {
  return (await extendLeases(db, [lease], leaseMs)).has(lease.jobId);
}

/** The fields that mark a job done. */
function doneFields(result: unknown) {
  return {
    state: "done" as const,
    result: jsonText(result),
    lease_owner: null,
    lease_until: null,
    finished_at: now,
    updated_at: now,
  };
}

/**
 * Runs `fn` (the handler's database effects) and marks the job done, in one transaction, only while
 * `lease` holds. The job is marked done first: that locks its row, so no other worker can reclaim it
 * while `fn` runs, and if the lease is already lost, `fn` never runs and `LeaseLostError` is thrown.
 * Takes `Db`, not `Tx`: it owns the transaction. `fn` must use only `trx` (on PGlite, calling `db`
 * inside it waits forever).
 */
export async function commitJob<T>(db: Db, lease: Lease, fn: (trx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable("jobs")
      .set(doneFields(null))
      .where(held(lease))
      .returning("id")
      .executeTakeFirst();
    if (!row) throw new LeaseLostError(lease);
    const value = await fn(trx);
    // Only then is the result known; most effects return nothing, and skip this round trip.
    if (value !== undefined)
      await trx
        .updateTable("jobs")
        .set({ result: jsonText(value) })
        .where("id", "=", lease.jobId)
        .execute();
    return value;
  });
}

/**
 * Group commit: `commitJob` for many jobs in one transaction. Marks done every job whose lease still
 * holds, then runs `fn` with those leases only; the others (their lease was lost) are returned as
 * `lost`, and nothing of theirs is written. Jobs done this way keep a null result.
 */
export async function commitJobs(
  db: Db,
  leases: readonly Lease[],
  fn: (trx: Tx, held: Lease[]) => Promise<void>,
): Promise<{ committed: Lease[]; lost: Lease[] }> {
  if (leases.length === 0) return { committed: [], lost: [] };
  return db.transaction().execute(async (trx) => {
    const rows = await trx.updateTable("jobs").set(doneFields(null)).where(heldAll(leases)).returning("id").execute();
    const done = new Set(rows.map((row) => row.id));
    const committed = leases.filter((lease) => done.has(lease.jobId));
    if (committed.length > 0) await fn(trx, committed);
    return { committed, lost: leases.filter((lease) => !done.has(lease.jobId)) };
  });
}

/** Marks the job done with `result`; false when the lease is no longer held (nothing is written). */
export async function completeJob(db: Db, lease: Lease, result: unknown): Promise<boolean> {
  const updated = await db.updateTable("jobs").set(doneFields(result)).where(held(lease)).executeTakeFirst();
  return updated.numUpdatedRows > 0n;
}

/** How a failed attempt ends: retry after a delay, or (`retryInMs: null`) dead at once. */
export interface Failure {
  error: string;
  retryInMs: number | null;
}

/**
 * Records a failed attempt: back to `queued` after the delay, or `dead` once attempts reach
 * `max_attempts` (or the failure is permanent). Returns the new state; undefined when the lease is no
 * longer held (nothing is written: the job belongs to whoever reclaimed it).
 */
export async function failJob(db: Db, lease: Lease, failure: Failure): Promise<"queued" | "dead" | undefined> {
  const dead = sql<boolean>`(attempts >= max_attempts or ${failure.retryInMs === null})`;
  const row = await db
    .updateTable("jobs")
    .set({
      state: sql<JobState>`case when ${dead} then 'dead' else 'queued' end`,
      run_at: sql<Date>`case when ${dead} then run_at else ${nowPlus(failure.retryInMs ?? 0)} end`,
      finished_at: sql<Date | null>`case when ${dead} then now() end`,
      last_error: failure.error,
      lease_owner: null,
      lease_until: null,
      updated_at: now,
    })
    .where(held(lease))
    .returning("state")
    .executeTakeFirst();
  return row?.state as "queued" | "dead" | undefined;
}

/**
 * Gives a job back without counting the attempt (the worker is stopping, the job did nothing wrong).
 * False when the lease is no longer held.
 */
export async function releaseJob(db: Db, lease: Lease): Promise<boolean> {
  const result = await db
    .updateTable("jobs")
    .set((eb) => ({
      state: "queued",
      attempts: eb("attempts", "-", 1),
      lease_owner: null,
      lease_until: null,
      updated_at: now,
    }))
    .where(held(lease))
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
