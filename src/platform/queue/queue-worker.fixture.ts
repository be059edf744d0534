import { setTimeout as sleep } from "node:timers/promises";
import { openStore } from "../db/database.ts";
import { effectsQueue, recordEffect } from "./testing.ts";
import { Worker } from "./worker.ts";

/**
 * A worker process for the multi-process test (`node --import tsx queue-worker.fixture.ts`). It handles
 * `effectsQueue`, recording each job's effect inside `ctx.commit`, and prints `ready` once polling and
 * `done <count>` after each commit, so the test knows when to kill it. SIGTERM stops it gracefully.
 * The random pauses, one of them inside the transaction, make a SIGKILL land mid-job and sometimes
 * mid-commit.
 */
if (!process.env.DATABASE_URL) throw new Error("DATABASE_URL must name the test database");
const name = process.env.WORKER_NAME ?? "fixture";
const concurrency = Number(process.env.CONCURRENCY ?? 8);
const store = await openStore({ databaseUrl: process.env.DATABASE_URL, poolSize: concurrency + 2 });
let done = 0;
const worker = new Worker({
  db: store.db,
  name,
  concurrency,
  leaseMs: Number(process.env.LEASE_MS ?? 2_000),
  pollMaxMs: 100,
}).handle(effectsQueue, async (_payload, ctx) => {
  await sleep(2 + Math.random() * 8);
  await ctx.commit(async (trx) => {
    await recordEffect(trx, ctx.job.id, name);
    await sleep(Math.random() * 3);
  });
  done++;
  process.stdout.write(`done ${done}\n`);
});
worker.start();
process.once("SIGTERM", () => {
  void worker
    .stop()
    .then(() => store.close())
    .then(() => process.exit(0));
});
// Only now: the test may send SIGTERM as soon as it reads this line.
process.stdout.write("ready\n");
