import assert from "node:assert/strict";
import { test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { sql } from "kysely";
import { z } from "zod";
import { describeEachEngine } from "../db/testing.ts";
import { AppError } from "../errors/errors.ts";
import { getJob } from "./admin.ts";
import { defineQueue, LeaseLostError, leaseOf } from "./model.ts";
import {
  claimJobs,
  commitJob,
  commitJobs,
  completeJob,
  enqueue,
  enqueueMany,
  extendLease,
  extendLeases,
  failJob,
  releaseJob,
} from "./store.ts";
import { createEffectsTable, effectCounts, recordEffect } from "./testing.ts";

let queues = 0;
/** Tests in a block share one database; each works in its own queue. */
const freshQueue = (maxAttempts = 3) =>
  defineQueue(`store-${++queues}`, z.object({ n: z.number().int() }), { maxAttempts });

describeEachEngine("queue store", (store) => {
  /** As if the holder stopped heartbeating a while ago (waiting out a real lease is covered once, below). */
  async function expireLease(id: string) {
    await store()
      .db.updateTable("jobs")
      .set({ lease_until: sql`now() - interval '1 second'` })
      .where("id", "=", id)
      .execute();
  }

  test("claims the highest priority first, then the oldest run_at; delayed jobs wait", async () => {
    const { db } = store();
    const q = freshQueue();
    const low = await enqueue(db, q, { n: 1 });
    const high = await enqueue(db, q, { n: 2 }, { priority: 10 });
    const lowLater = await enqueue(db, q, { n: 3 });
    const delayed = await enqueue(db, q, { n: 4 }, { priority: 100, delayMs: 60_000 });

    const first = await claimJobs(db, { queues: [q.name], owner: "w1", limit: 2, leaseMs: 30_000 });
    assert.deepEqual(
      first.map((job) => job.id),
      [high.id, low.id],
    );
    assert.ok(first.every((job) => job.state === "running" && job.attempts === 1 && job.leaseOwner === "w1"));
    const rest = await claimJobs(db, { queues: [q.name], owner: "w2", limit: 10, leaseMs: 30_000 });
    assert.deepEqual(
      rest.map((job) => job.id),
      [lowLater.id],
    );
    assert.equal((await getJob(db, delayed.id))?.state, "queued");
    // run_at and lease_until come from the database clock.
    const row = await sql<{ ahead: boolean; leased: boolean }>`
      select run_at > now() + interval '50 seconds' as ahead,
             (select lease_until > now() + interval '25 seconds' from jobs where id = ${high.id}) as leased
      from jobs where id = ${delayed.id}`.execute(db);
    assert.deepEqual(row.rows[0], { ahead: true, leased: true });
  });

  test("the payload is checked at enqueue, and options too", async () => {
    const { db } = store();
    const q = freshQueue();
    await assert.rejects(
      // @ts-expect-error: the schema wants a number
      enqueue(db, q, { n: "x" }),
      (error: unknown) =>
        error instanceof AppError && error.code === "validation" && /^payload\.n:/.test(error.message),
    );
    await assert.rejects(enqueue(db, q, { n: 1 }, { maxAttempts: 0 }), AppError);
    await assert.rejects(enqueue(db, q, { n: 1 }, { delayMs: -1 }), AppError);
  });

  test("an idempotency key already used in the queue returns the existing job", async () => {
    const { db } = store();
    const q = freshQueue();
    const other = freshQueue();
    const first = await enqueue(db, q, { n: 1 }, { idempotencyKey: "import:42" });
    const again = await enqueue(db, q, { n: 2 }, { idempotencyKey: "import:42" });
    assert.deepEqual(again, { id: first.id, created: false });
    assert.equal(first.created, true);
    const elsewhere = await enqueue(db, other, { n: 1 }, { idempotencyKey: "import:42" });
    assert.equal(elsewhere.created, true);
    const count = await db
      .selectFrom("jobs")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("idempotency_key", "=", "import:42")
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 2);
    assert.deepEqual((await getJob(db, first.id))?.payload, { n: 1 });
  });

  test("enqueue joins the caller's transaction: a rollback takes the job with it", async () => {
    const { db } = store();
    const q = freshQueue();
    let rolledBack = "";
    await assert.rejects(
      db.transaction().execute(async (trx) => {
        rolledBack = (await enqueue(trx, q, { n: 1 })).id;
        throw new Error("use case failed");
      }),
      /use case failed/,
    );
    assert.equal(await getJob(db, rolledBack), undefined);
    const kept = await db.transaction().execute((trx) => enqueue(trx, q, { n: 2 }));
    assert.equal((await getJob(db, kept.id))?.state, "queued");
  });

  test("a failed attempt is retried after its delay, and the last one goes dead", async () => {
    const { db } = store();
    const q = freshQueue(2);
    const { id } = await enqueue(db, q, { n: 1 });
    const [first] = await claimJobs(db, { queues: [q.name], owner: "w", limit: 1, leaseMs: 30_000 });
    assert.equal(await failJob(db, leaseOf(first!), { error: "boom 1", retryInMs: 300 }), "queued");
    // Both times come from the same now() of the failing statement.
    const delay = await sql<{ ms: number }>`
      select (extract(epoch from run_at - updated_at) * 1000)::int as ms from jobs where id = ${id}`.execute(db);
    assert.equal(delay.rows[0]!.ms, 300);
    assert.deepEqual(await claimJobs(db, { queues: [q.name], owner: "w", limit: 1, leaseMs: 30_000 }), []);
    await sleep(350);
    const [second] = await claimJobs(db, { queues: [q.name], owner: "w", limit: 1, leaseMs: 30_000 });
    assert.equal(second?.attempts, 2);
    assert.equal(await failJob(db, leaseOf(second!), { error: "boom 2", retryInMs: 300 }), "dead");
    const dead = await getJob(db, id);
    assert.equal(dead?.state, "dead");
    assert.equal(dead?.lastError, "boom 2");
    assert.ok(dead?.finishedAt instanceof Date);
    assert.equal(dead?.leaseOwner, null);
  });

  test("a permanent failure goes dead at once", async () => {
    const { db } = store();
    const q = freshQueue(5);
    const { id } = await enqueue(db, q, { n: 1 });
    const [job] = await claimJobs(db, { queues: [q.name], owner: "w", limit: 1, leaseMs: 30_000 });
    assert.equal(await failJob(db, leaseOf(job!), { error: "bad payload", retryInMs: null }), "dead");
    assert.equal((await getJob(db, id))?.attempts, 1);
  });

  test("an expired lease is reclaimed as a new attempt; after the last attempt it goes dead", async () => {
    const { db } = store();
    const q = freshQueue(2);
    const { id } = await enqueue(db, q, { n: 1 });
    const [crashed] = await claimJobs(db, { queues: [q.name], owner: "crashed", limit: 1, leaseMs: 30_000 });
    assert.deepEqual(await claimJobs(db, { queues: [q.name], owner: "other", limit: 1, leaseMs: 30_000 }), []);
    await expireLease(id);
    // The first claim after expiry puts the job back in line; the next one takes it.
    await claimJobs(db, { queues: [q.name], owner: "other", limit: 1, leaseMs: 30_000 });
    const [again] = await claimJobs(db, { queues: [q.name], owner: "other", limit: 1, leaseMs: 30_000 });
    assert.equal(again?.id, crashed?.id);
    assert.equal(again?.attempts, 2);
    assert.match(again?.lastError ?? "", /lease of crashed expired during attempt 1/);
    await expireLease(id);
    assert.deepEqual(await claimJobs(db, { queues: [q.name], owner: "third", limit: 1, leaseMs: 30_000 }), []);
    const dead = await getJob(db, id);
    assert.equal(dead?.state, "dead");
    assert.match(dead?.lastError ?? "", /lease of other expired during attempt 2/);
  });

  test("a lease runs on the database clock and a heartbeat extends it", async () => {
    const { db } = store();
    const q = freshQueue();
    const { id } = await enqueue(db, q, { n: 1 });
    const [job] = await claimJobs(db, { queues: [q.name], owner: "w", limit: 1, leaseMs: 1_000 });
    await sleep(600);
    assert.equal(await extendLease(db, leaseOf(job!), 1_000), true);
    await sleep(600);
    // 1.2 s after the claim, but only 0.6 s after the heartbeat: still held.
    assert.deepEqual(await claimJobs(db, { queues: [q.name], owner: "other", limit: 1, leaseMs: 1_000 }), []);
    assert.equal((await getJob(db, id))?.leaseOwner, "w");
    await sleep(500);
    await claimJobs(db, { queues: [q.name], owner: "other", limit: 1, leaseMs: 1_000 });
    assert.equal((await getJob(db, id))?.state, "queued");
  });

  test("a worker whose lease was taken cannot heartbeat, commit, complete, fail or release", async () => {
    const { db } = store();
    await createEffectsTable(db);
    const q = freshQueue();
    const { id } = await enqueue(db, q, { n: 1 });
    const [stale] = await claimJobs(db, { queues: [q.name], owner: "slow", limit: 1, leaseMs: 30_000 });
    const staleLease = leaseOf(stale!);
    await expireLease(id);
    await claimJobs(db, { queues: [q.name], owner: "fast", limit: 1, leaseMs: 30_000 });
    const [fresh] = await claimJobs(db, { queues: [q.name], owner: "fast", limit: 1, leaseMs: 30_000 });
    assert.equal(fresh?.id, id);

    let ran = false;
    await assert.rejects(
      commitJob(db, staleLease, async (trx) => {
        ran = true;
        await recordEffect(trx, id, "slow");
      }),
      LeaseLostError,
    );
    assert.equal(ran, false);
    assert.equal(await extendLease(db, staleLease, 30_000), false);
    assert.equal(await completeJob(db, staleLease, "late"), false);
    assert.equal(await failJob(db, staleLease, { error: "late", retryInMs: 0 }), undefined);
    assert.equal(await releaseJob(db, staleLease), false);

    const result = await commitJob(db, leaseOf(fresh!), async (trx) => {
      await recordEffect(trx, id, "fast");
      return { imported: 1 };
    });
    assert.deepEqual(result, { imported: 1 });
    const done = await getJob(db, id);
    assert.equal(done?.state, "done");
    assert.deepEqual(done?.result, { imported: 1 });
    assert.equal((await effectCounts(db)).get(id), 1);
  });

  test("an effect that fails rolls back with the completion, and the lease still holds", async () => {
    const { db } = store();
    await createEffectsTable(db);
    const q = freshQueue();
    const { id } = await enqueue(db, q, { n: 1 });
    const [job] = await claimJobs(db, { queues: [q.name], owner: "w", limit: 1, leaseMs: 30_000 });
    await assert.rejects(
      commitJob(db, leaseOf(job!), async (trx) => {
        await recordEffect(trx, id, "w");
        throw new Error("second write failed");
      }),
      /second write failed/,
    );
    assert.equal((await effectCounts(db)).get(id), undefined);
    assert.equal((await getJob(db, id))?.state, "running");
    assert.equal(await completeJob(db, leaseOf(job!), undefined), true);
    assert.equal((await getJob(db, id))?.result, null);
  });

  test("a released job is queued again without spending the attempt", async () => {
    const { db } = store();
    const q = freshQueue();
    const { id } = await enqueue(db, q, { n: 1 });
    const [job] = await claimJobs(db, { queues: [q.name], owner: "w", limit: 1, leaseMs: 30_000 });
    assert.equal(await releaseJob(db, leaseOf(job!)), true);
    const released = await getJob(db, id);
    assert.deepEqual([released?.state, released?.attempts, released?.leaseOwner], ["queued", 0, null]);
  });

  test("enqueueMany adds jobs in one go; keys already used, or used twice, name one job", async () => {
    const { db } = store();
    const q = freshQueue();
    const before = await enqueue(db, q, { n: 0 }, { idempotencyKey: "k0" });
    const results = await enqueueMany(db, q, [
      { payload: { n: 1 }, options: { idempotencyKey: "k1", priority: 5 } },
      { payload: { n: 2 }, options: { idempotencyKey: "k0" } },
      { payload: { n: 3 } },
      { payload: { n: 4 }, options: { idempotencyKey: "k1" } },
    ]);
    assert.deepEqual(
      results.map((r) => r.created),
      [true, false, true, false],
    );
    assert.equal(results[1]!.id, before.id);
    assert.equal(results[3]!.id, results[0]!.id);
    const jobs = await db.selectFrom("jobs").select(["payload", "priority"]).where("queue", "=", q.name).execute();
    assert.equal(jobs.length, 3);
    assert.deepEqual(jobs.find((job) => job.priority === 5)?.payload, { n: 1 });
    await assert.rejects(
      // @ts-expect-error: the schema wants a number
      enqueueMany(db, q, [{ payload: { n: 5 } }, { payload: { n: "x" } }]),
      (error: unknown) => error instanceof AppError && /^payload\.n:/.test(error.message),
    );
    assert.equal((await enqueueMany(db, q, [])).length, 0);
  });

  test("commitJobs and extendLeases touch only the jobs whose lease still holds", async () => {
    const { db } = store();
    await createEffectsTable(db);
    const q = freshQueue();
    await enqueueMany(db, q, [{ payload: { n: 1 } }, { payload: { n: 2 } }, { payload: { n: 3 } }]);
    const jobs = await claimJobs(db, { queues: [q.name], owner: "w", limit: 3, leaseMs: 30_000 });
    const leases = jobs.map(leaseOf);
    // The second job's lease is taken over by another worker.
    await expireLease(jobs[1]!.id);
    // The first claim puts the expired job back in the queue, the second takes it.
    await claimJobs(db, { queues: [q.name], owner: "other", limit: 1, leaseMs: 30_000 });
    const [taken] = await claimJobs(db, { queues: [q.name], owner: "other", limit: 1, leaseMs: 30_000 });
    assert.equal(taken?.id, jobs[1]!.id);

    assert.deepEqual([...(await extendLeases(db, leases, 30_000))].sort(), [jobs[0]!.id, jobs[2]!.id].sort());
    let seen: string[] = [];
    const { committed, lost } = await commitJobs(db, leases, async (trx, held) => {
      seen = held.map((lease) => lease.jobId);
      for (const lease of held) await recordEffect(trx, lease.jobId, "w");
    });
    assert.deepEqual(seen.sort(), [jobs[0]!.id, jobs[2]!.id].sort());
    assert.deepEqual(committed.map((lease) => lease.jobId).sort(), seen);
    assert.deepEqual(lost, [leases[1]]);
    const effects = await effectCounts(db);
    assert.deepEqual([effects.get(jobs[0]!.id), effects.get(jobs[1]!.id), effects.get(jobs[2]!.id)], [1, undefined, 1]);
    assert.equal((await getJob(db, jobs[1]!.id))?.state, "running");
    assert.equal((await getJob(db, jobs[2]!.id))?.state, "done");
    // Effects that fail roll the whole group back: the jobs are still running, still held.
    await assert.rejects(
      commitJobs(db, [leaseOf(taken!)], async () => {
        throw new Error("write failed");
      }),
      /write failed/,
    );
    assert.equal((await getJob(db, taken!.id))?.state, "running");
  });
});
