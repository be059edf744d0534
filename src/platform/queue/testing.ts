import { setTimeout as sleep } from "node:timers/promises";
import { sql } from "kysely";
import { z } from "zod";
import type { Db, Tx } from "../db/database.ts";
import { defineQueue } from "./model.ts";
import type { QueueLogger } from "./worker.ts";

/**
 * Test helpers for the queue: an effects table that records what handlers did (deliberately without a
 * unique constraint, so a duplicated effect shows up as a second row instead of an error), a logger
 * that keeps messages for assertions, and polling for a condition.
 */

/** The queue of the multi-process test: its handler records one effect per job. */
export const effectsQueue = defineQueue("effects-test", z.object({ n: z.number().int() }), { maxAttempts: 5 });
export async function createEffectsTable(db: Db): Promise<void> {
  await sql`create table if not exists queue_test_effects (
    job_id text not null,
    worker text not null,
    at timestamptz not null default now()
  )`.execute(db);
}

/** The handler's effect: one row per execution that committed. */
export async function recordEffect(trx: Tx, jobId: string, worker: string): Promise<void> {
  await sql`insert into queue_test_effects (job_id, worker) values (${jobId}, ${worker})`.execute(trx);
}

/** Effect rows per job id (a count above 1 is a duplicated effect). */
export async function effectCounts(db: Db): Promise<Map<string, number>> {
  const result = await sql<{ job_id: string; n: number }>`
    select job_id, count(*)::int as n from queue_test_effects group by job_id`.execute(db);
  return new Map(result.rows.map((row) => [row.job_id, row.n]));
}

export interface MemoryLogger extends QueueLogger {
  messages: string[];
}

export function memoryLogger(): MemoryLogger {
  const messages: string[] = [];
  return {
    messages,
    warn: (_fields, message) => messages.push(message),
    error: (_fields, message) => messages.push(message),
  };
}

/** Polls `check` until it returns true; fails after `timeoutMs`. */
export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}
