import assert from "node:assert/strict";
import { test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { sql } from "kysely";
import { z } from "zod";
import { describeEachEngine } from "../db/testing.ts";
import { newId } from "../ids/ids.ts";
import { getJob, listJobs, queueStats } from "./admin.ts";
import { defineQueue, LeaseLostError, WorkerStoppingError } from "./model.ts";
import { claimJobs, enqueue } from "./store.ts";
import { createEffectsTable, effectCounts, memoryLogger, recordEffect, waitFor } from "./testing.ts";
import { Worker, type WorkerOptions } from "./worker.ts";

let queues = 0;
const Payload = z.object({ n: z.number().int() });
const freshQueue = (options: Parameters<typeof defineQueue>[2] = {}) =>
  defineQueue(`worker-${++queues}`, Payload, options);

describeEachEngine("queue worker", (store) => {
  const workerOf = (options: Partial<WorkerOptions> = {}) =>
    new Worker({ db: store().db, logger: memoryLogger(), pollMaxMs: 100, ...options });

  async function stateOf(id: string) {
    return (await getJob(store().db, id))?.state;
  }

  test("runs every job once at the set concurrency; commit or return completes a job", async () => {
    const { db } = store();
    await createEffectsTable(db);
    const q = freshQueue();
    let inFlight = 0;
    let peak = 0;
    const worker = workerOf({ concurrency: 4 }).handle(q, async ({ n }, ctx) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await sleep(10);
      inFlight--;
      if (n % 2 === 0) return ctx.commit(async (trx) => recordEffect(trx, ctx.job.id, "w").then(() => ({ n })));
      return `plain ${n}`;
    });
    const ids = [];
    for (let n = 0; n < 20; n++) ids.push((await enqueue(db, q, { n })).id);
    worker.start();
    try {
      await waitFor("20 jobs done", async () => (await queueStats(db)).find((s) => s.queue === q.name)?.done === 20);
    } finally {
      await worker.stop();
    }
    assert.equal(peak, 4);
    const effects = await effectCounts(db);
    const jobs = await listJobs(db, { queue: q.name });
    for (const job of jobs) {
      const n = (job.payload as { n: number }).n;
      assert.equal(job.attempts, 1);
      assert.deepEqual(job.result, n % 2 === 0 ? { n } : `plain ${n}`);
      assert.equal(effects.get(job.id), n % 2 === 0 ? 1 : undefined);
    }
  });

  test("an idle worker wakes at once when this process enqueues", async () => {
    const { db } = store();
    const q = freshQueue();
    const worker = workerOf({ pollMinMs: 5_000, pollMaxMs: 5_000 }).handle(q, async () => "ok");
    worker.start();
    try {
      await sleep(100); // the first poll found nothing: the worker now waits 5 s
      const started = Date.now();
      const { id } = await db.transaction().execute((trx) => enqueue(trx, q, { n: 1 }));
      await waitFor("the job done", async () => (await stateOf(id)) === "done", 2_000);
      assert.ok(Date.now() - started < 2_000);
    } finally {
      await worker.stop();
    }
  });

  test("a failing job is retried with growing delays, then dead-lettered with its last error", async () => {
    const { db } = store();
    const q = freshQueue({ maxAttempts: 3, retry: { baseMs: 100, maxMs: 200, jitter: 0 } });
    const attemptsAt: number[] = [];
    const worker = workerOf({ pollMinMs: 10, pollMaxMs: 20 }).handle(q, async (_payload, ctx) => {
      attemptsAt.push(Date.now());
      throw new Error(`boom ${ctx.job.attempts}`);
    });
    const { id } = await enqueue(db, q, { n: 1 });
    worker.start();
    try {
      await waitFor("the job dead", async () => (await stateOf(id)) === "dead");
    } finally {
      await worker.stop();
    }
    const dead = await getJob(db, id);
    assert.equal(dead?.attempts, 3);
    assert.match(dead?.lastError ?? "", /^Error: boom 3/);
    assert.equal(attemptsAt.length, 3);
    const gaps = [attemptsAt[1]! - attemptsAt[0]!, attemptsAt[2]! - attemptsAt[1]!];
    // 100 ms then 200 ms on the database clock; allow a few ms of skew against the JS clock.
    assert.ok(gaps[0]! >= 90 && gaps[1]! >= 190, `gaps ${gaps}`);
  });

  test("a payload that fails the queue's schema goes dead without retries", async () => {
    const { db } = store();
    const q = freshQueue({ maxAttempts: 5 });
    const id = newId("job");
    // Written past enqueue's check, as an older release with another schema might have.
    await db
      .insertInto("jobs")
      .values({ id, queue: q.name, payload: JSON.stringify({ n: "seven" }), run_at: sql`now()` })
      .execute();
    let called = false;
    const worker = workerOf().handle(q, async () => {
      called = true;
    });
    worker.start();
    try {
      await waitFor("the job dead", async () => (await stateOf(id)) === "dead");
    } finally {
      await worker.stop();
    }
    assert.equal(called, false);
    const dead = await getJob(db, id);
    assert.equal(dead?.attempts, 1);
    assert.match(dead?.lastError ?? "", /does not match the worker-\d+ schema/);
  });

  test("a worker that lost its lease is aborted and its commit is refused", async () => {
    const { db } = store();
    await createEffectsTable(db);
    const q = freshQueue();
    const logger = memoryLogger();
    let outcome: unknown;
    const worker = workerOf({ leaseMs: 600, heartbeatMs: 100, logger }).handle(q, async (_payload, ctx) => {
      await new Promise((resolve) => ctx.signal.addEventListener("abort", resolve, { once: true }));
      try {
        await ctx.commit((trx) => recordEffect(trx, ctx.job.id, "slow"));
        outcome = "committed";
      } catch (error) {
        outcome = error;
        throw error;
      }
    });
    const { id } = await enqueue(db, q, { n: 1 });
    worker.start();
    try {
      await waitFor("the job claimed", async () => (await stateOf(id)) === "running");
      // Another worker takes the job over, as if this one had stalled past its lease.
      await db
        .updateTable("jobs")
        .set({ lease_until: sql`now() - interval '1 second'` })
        .where("id", "=", id)
        .execute();
      await claimJobs(db, { queues: [q.name], owner: "thief", limit: 1, leaseMs: 30_000 });
      const [stolen] = await claimJobs(db, { queues: [q.name], owner: "thief", limit: 1, leaseMs: 30_000 });
      assert.equal(stolen?.id, id);
      await waitFor("the handler aborted", async () => outcome !== undefined, 3_000);
    } finally {
      await worker.stop();
    }
    assert.ok(outcome instanceof LeaseLostError, String(outcome));
    assert.equal((await effectCounts(db)).get(id), undefined);
    const job = await getJob(db, id);
    assert.deepEqual([job?.state, job?.leaseOwner, job?.attempts], ["running", "thief", 2]);
    assert.ok(logger.messages.includes("job aborted"));
  });

  test("stop lets a running job finish within the grace period", async () => {
    const { db } = store();
    await createEffectsTable(db);
    const q = freshQueue();
    const worker = workerOf().handle(q, async (_payload, ctx) => {
      await sleep(200);
      await ctx.commit((trx) => recordEffect(trx, ctx.job.id, "w"));
    });
    const { id } = await enqueue(db, q, { n: 1 });
    worker.start();
    await waitFor("the job claimed", async () => (await stateOf(id)) === "running");
    await worker.stop({ graceMs: 5_000 });
    assert.equal(await stateOf(id), "done");
    assert.equal((await effectCounts(db)).get(id), 1);
  });

  test("stop aborts and releases a job that outlives the grace period, the attempt not counted", async () => {
    const { db } = store();
    const q = freshQueue();
    let reason: unknown;
    const worker = workerOf().handle(q, async (_payload, ctx) => {
      await new Promise((resolve) => ctx.signal.addEventListener("abort", resolve, { once: true }));
      reason = ctx.signal.reason;
      throw reason;
    });
    const { id } = await enqueue(db, q, { n: 1 });
    worker.start();
    await waitFor("the job claimed", async () => (await stateOf(id)) === "running");
    await worker.stop({ graceMs: 50 });
    assert.ok(reason instanceof WorkerStoppingError);
    const job = await getJob(db, id);
    assert.deepEqual([job?.state, job?.attempts, job?.leaseOwner, job?.lastError], ["queued", 0, null, null]);
  });
});
