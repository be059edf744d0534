import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { createInterface } from "node:readline";
import { test } from "node:test";
import { sql } from "kysely";
import { projectRoot } from "../config/config.ts";
import { openTestStore } from "../db/testing.ts";
import { newId } from "../ids/ids.ts";
import { createEffectsTable, effectCounts, effectsQueue, waitFor } from "./testing.ts";

const JOBS = 1_000;
const KILL_AFTER = 200;
const LEASE_MS = 2_000;

/** A worker process running queue-worker.fixture.ts, with its progress read from its stdout. */
class WorkerProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<[number | null, NodeJS.Signals | null]>;
  readonly ready: Promise<void>;
  done = 0;
  stderr = "";
  #waiters: { count: number; resolve: () => void }[] = [];

  constructor(
    readonly name: string,
    databaseUrl: string,
  ) {
    this.child = spawn(
      process.execPath,
      ["--import", "tsx", path.join(import.meta.dirname, "queue-worker.fixture.ts")],
      {
        cwd: projectRoot(),
        env: { ...process.env, DATABASE_URL: databaseUrl, WORKER_NAME: name, LEASE_MS: String(LEASE_MS) },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    this.exited = once(this.child, "exit") as Promise<[number | null, NodeJS.Signals | null]>;
    this.child.stderr!.on("data", (chunk: Buffer) => {
      this.stderr += chunk.toString();
    });
    let onReady!: () => void;
    this.ready = new Promise((resolve) => {
      onReady = resolve;
    });
    createInterface({ input: this.child.stdout! }).on("line", (line) => {
      if (line === "ready") onReady();
      if (!line.startsWith("done ")) return;
      this.done = Number(line.slice(5));
      for (const waiter of this.#waiters.filter((w) => this.done >= w.count)) waiter.resolve();
      this.#waiters = this.#waiters.filter((w) => this.done < w.count);
    });
  }

  /** Resolves once the process has completed `count` jobs; rejects if it exits first. */
  completed(count: number): Promise<void> {
    return Promise.race([
      new Promise<void>((resolve) => this.#waiters.push({ count, resolve })),
      this.exited.then(() => {
        throw new Error(`worker ${this.name} exited after ${this.done} jobs:\n${this.stderr}`);
      }),
    ]);
  }
}

const skip = process.env.DATABASE_URL
  ? false
  : "DATABASE_URL is not set: worker processes sharing a queue need a PostgreSQL server";

test(`two worker processes share ${JOBS} jobs; one is SIGKILLed mid-job; every job's effect happens exactly once`, {
  skip,
  timeout: 120_000,
}, async (t) => {
  const store = await openTestStore("postgres");
  const { db } = store;
  const workers: WorkerProcess[] = [];
  const count = async (where: ReturnType<typeof sql>) =>
    (await sql<{ n: number }>`select count(*)::int as n from jobs where ${where}`.execute(db)).rows[0]!.n;
  try {
    await createEffectsTable(db);
    const a = new WorkerProcess("a", store.databaseUrl!);
    const b = new WorkerProcess("b", store.databaseUrl!);
    workers.push(a, b);
    // Both poll before the jobs exist, so they start the race together.
    await Promise.all([a.ready, b.ready]);
    // One statement, so both see all the jobs at once (enqueue itself is covered by the store tests).
    await db
      .insertInto("jobs")
      .values(
        Array.from({ length: JOBS }, (_, n) => ({
          id: newId("job"),
          queue: effectsQueue.name,
          payload: JSON.stringify({ n }),
          max_attempts: effectsQueue.maxAttempts,
          run_at: sql<Date>`now()`,
        })),
      )
      .execute();
    const started = performance.now();

    await a.completed(KILL_AFTER);
    a.child.kill("SIGKILL");
    await a.exited;
    const killedMs = performance.now() - started;

    const c = new WorkerProcess("c", store.databaseUrl!);
    workers.push(c);
    await waitFor("every job done", async () => (await count(sql`state = 'done'`)) === JOBS, 60_000);
    const finishedMs = performance.now() - started;
    // A stop before its SIGTERM handler is installed would not be graceful.
    await c.ready;
    b.child.kill("SIGTERM");
    c.child.kill("SIGTERM");
    assert.deepEqual(await b.exited, [0, null], b.stderr);
    assert.deepEqual(await c.exited, [0, null], c.stderr);

    const totals = await sql<{ rows: number; jobs: number }>`
        select count(*)::int as rows, count(distinct job_id)::int as jobs from queue_test_effects`.execute(db);
    assert.deepEqual(totals.rows[0], { rows: JOBS, jobs: JOBS });
    const effects = await effectCounts(db);
    const jobs = await db
      .selectFrom("jobs")
      .select(["id", "attempts", "last_error"])
      .where("queue", "=", effectsQueue.name)
      .execute();
    assert.equal(jobs.length, JOBS);
    assert.ok(jobs.every((job) => effects.get(job.id) === 1));
    assert.equal(await count(sql`state <> 'done'`), 0);
    // The jobs the killed worker held were reclaimed once its lease ran out (the reclaim leaves a note).
    const orphaned = jobs.filter((job) => job.last_error?.startsWith("lease of a/"));
    assert.ok(orphaned.length > 0, "the killed worker held no claimed jobs");
    assert.ok(orphaned.every((job) => job.attempts >= 2));

    const byWorker = await sql<{ worker: string; n: number }>`
        select worker, count(*)::int as n from queue_test_effects group by worker order by worker`.execute(db);
    t.diagnostic(
      `effects per worker: ${byWorker.rows.map((r) => `${r.worker}=${r.n}`).join(", ")}; ` +
        `a killed after ${killedMs.toFixed(0)} ms holding ${orphaned.length} claimed jobs, reclaimed by the others; ` +
        `all done after ${finishedMs.toFixed(0)} ms`,
    );
  } finally {
    for (const worker of workers) if (worker.child.exitCode === null) worker.child.kill("SIGKILL");
    await Promise.all(workers.map((worker) => worker.exited));
    await store.close();
  }
});
