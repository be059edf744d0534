import assert from "node:assert/strict";
import { test } from "node:test";
import { z } from "zod";
import { describeEachEngine } from "../db/testing.ts";
import { AppError } from "../errors/errors.ts";
import { getJob, listJobs, queueStats, requeueDeadJobs, requeueJob } from "./admin.ts";
import { defineQueue, leaseOf } from "./model.ts";
import { claimJobs, completeJob, enqueue, failJob } from "./store.ts";

let queues = 0;
const freshQueue = () => defineQueue(`admin-${++queues}`, z.object({ n: z.number() }), { maxAttempts: 1 });

describeEachEngine("queue admin", (store) => {
  /** Enqueues `n` jobs and kills each on its only attempt. */
  async function deadJobs(queue: ReturnType<typeof freshQueue>, n: number): Promise<string[]> {
    const { db } = store();
    for (let i = 0; i < n; i++) await enqueue(db, queue, { n: i });
    const claimed = await claimJobs(db, { queues: [queue.name], owner: "w", limit: n, leaseMs: 30_000 });
    for (const job of claimed) await failJob(db, leaseOf(job), { error: `boom ${job.id}`, retryInMs: 0 });
    return claimed.map((job) => job.id);
  }

  test("dead jobs are listed newest first, paged, and inspected with their last error", async () => {
    const { db } = store();
    const q = freshQueue();
    const ids = await deadJobs(q, 3);
    await enqueue(db, q, { n: 99 });
    const dead = await listJobs(db, { queue: q.name, state: "dead" });
    assert.deepEqual(
      dead.map((job) => job.id),
      [...ids].sort().reverse(),
    );
    const page = await listJobs(db, { queue: q.name, state: "dead", limit: 1, before: dead[0]!.id });
    assert.deepEqual(
      page.map((job) => job.id),
      [dead[1]!.id],
    );
    const one = await getJob(db, ids[0]!);
    assert.equal(one?.lastError, `boom ${ids[0]}`);
    assert.equal(one?.attempts, 1);
    assert.equal(await getJob(db, "job_missing"), undefined);
  });

  test("a requeued dead job gets a fresh budget of attempts and runs again", async () => {
    const { db } = store();
    const q = freshQueue();
    const [id] = await deadJobs(q, 1);
    const requeued = await requeueJob(db, id!);
    assert.deepEqual([requeued.state, requeued.attempts, requeued.finishedAt], ["queued", 0, null]);
    assert.equal(requeued.lastError, `boom ${id}`);
    const [job] = await claimJobs(db, { queues: [q.name], owner: "w", limit: 1, leaseMs: 30_000 });
    assert.equal(job?.id, id);
    assert.equal(await completeJob(db, leaseOf(job!), "ok"), true);
    await assert.rejects(
      requeueJob(db, id!),
      (error: unknown) => error instanceof AppError && error.code === "conflict",
    );
    await assert.rejects(
      requeueJob(db, "job_missing"),
      (error: unknown) => error instanceof AppError && error.code === "not_found",
    );
  });

  test("all dead jobs of a queue are requeued at once, other queues untouched", async () => {
    const { db } = store();
    const q = freshQueue();
    const other = freshQueue();
    await deadJobs(q, 3);
    await deadJobs(other, 2);
    assert.equal(await requeueDeadJobs(db, { queue: q.name }), 3);
    const stats = await queueStats(db);
    assert.deepEqual(
      stats.find((s) => s.queue === q.name),
      { queue: q.name, queued: 3, running: 0, done: 0, dead: 0 },
    );
    assert.deepEqual(
      stats.find((s) => s.queue === other.name),
      { queue: other.name, queued: 0, running: 0, done: 0, dead: 2 },
    );
  });

  test("stats count jobs per queue and state", async () => {
    const { db } = store();
    const q = freshQueue();
    await deadJobs(q, 1);
    for (let i = 0; i < 3; i++) await enqueue(db, q, { n: i });
    const [running, finished] = await claimJobs(db, { queues: [q.name], owner: "w", limit: 2, leaseMs: 30_000 });
    await completeJob(db, leaseOf(finished!), null);
    assert.ok(running);
    const stats = (await queueStats(db)).find((s) => s.queue === q.name);
    assert.deepEqual(stats, { queue: q.name, queued: 1, running: 1, done: 1, dead: 1 });
  });
});
