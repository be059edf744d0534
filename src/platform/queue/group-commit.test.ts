import assert from "node:assert/strict";
import { test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { sql } from "kysely";
import { z } from "zod";
import type { Tx } from "../db/database.ts";
import { describeEachEngine } from "../db/testing.ts";
import { getJob, queueStats } from "./admin.ts";
import { GroupCommit } from "./group-commit.ts";
import { defineQueue, LeaseLostError, leaseOf } from "./model.ts";
import { claimJobs, enqueueMany } from "./store.ts";
import { createEffectsTable, effectCounts, memoryLogger, recordEffect, waitFor } from "./testing.ts";
import { Worker } from "./worker.ts";

let queues = 0;
const freshQueue = () => defineQueue(`group-${++queues}`, z.object({ n: z.number().int() }), { maxAttempts: 2 });

describeEachEngine("queue group commit", (store) => {
  test("a worker's jobs commit in groups: every effect once, far fewer transactions than jobs", async () => {
    const { db } = store();
    await createEffectsTable(db);
    const q = freshQueue();
    let transactions = 0;
    const group = new GroupCommit<string>({
      db,
      delayMs: 10,
      maxBatch: 25,
      write: async (trx, jobIds) => {
        transactions++;
        assert.ok(jobIds.length <= 25);
        for (const id of jobIds) await recordEffect(trx, id, "w");
      },
    });
    const worker = new Worker({ db, concurrency: 40, logger: memoryLogger(), pollMaxMs: 100 }).handle(
      q,
      async (_payload, ctx) => {
        await sleep(5);
        await ctx.commitInGroup(group, ctx.job.id);
        return "ignored: the group commit completed the job";
      },
    );
    await enqueueMany(
      db,
      q,
      Array.from({ length: 200 }, (_, n) => ({ payload: { n } })),
    );
    worker.start();
    try {
      await waitFor("200 jobs done", async () => (await queueStats(db)).find((s) => s.queue === q.name)?.done === 200);
    } finally {
      await worker.stop();
    }
    const effects = await effectCounts(db);
    const ids = (await db.selectFrom("jobs").select("id").where("queue", "=", q.name).execute()).map((r) => r.id);
    assert.ok(ids.every((id) => effects.get(id) === 1));
    assert.ok(transactions <= 50, `${transactions} transactions for 200 jobs`);
    assert.equal((await getJob(db, ids[0]!))?.result, null);
  });

  test("a lost lease is refused and a failing job fails alone; the rest of the group commits", async () => {
    const { db } = store();
    await createEffectsTable(db);
    const q = freshQueue();
    await enqueueMany(
      db,
      q,
      [1, 2, 3].map((n) => ({ payload: { n } })),
    );
    const [ok, bad, stale] = await claimJobs(db, { queues: [q.name], owner: "w", limit: 3, leaseMs: 30_000 });
    // The third job's lease expires and another worker takes it.
    await sql`update jobs set lease_until = now() - interval '1 second' where id = ${stale!.id}`.execute(db);
    // The first claim puts the expired job back in the queue, the second takes it.
    await claimJobs(db, { queues: [q.name], owner: "other", limit: 1, leaseMs: 30_000 });
    assert.equal(
      (await claimJobs(db, { queues: [q.name], owner: "other", limit: 1, leaseMs: 30_000 }))[0]?.id,
      stale!.id,
    );
    let batches = 0;
    const group = new GroupCommit<{ id: string; fail: boolean }>({
      db,
      delayMs: 50,
      write: async (trx: Tx, items) => {
        batches++;
        for (const item of items) {
          if (item.fail) throw new Error(`effect of ${item.id} failed`);
          await recordEffect(trx, item.id, "w");
        }
      },
    });
    const results = await Promise.allSettled([
      group.commit(leaseOf(ok!), { id: ok!.id, fail: false }),
      group.commit(leaseOf(bad!), { id: bad!.id, fail: true }),
      group.commit(leaseOf(stale!), { id: stale!.id, fail: false }),
    ]);
    assert.equal(results[0].status, "fulfilled");
    assert.match(String((results[1] as PromiseRejectedResult).reason), /effect of .* failed/);
    assert.ok((results[2] as PromiseRejectedResult).reason instanceof LeaseLostError);
    // The group of three failed as a whole, then each was tried alone.
    assert.equal(batches, 3);
    const effects = await effectCounts(db);
    assert.deepEqual([effects.get(ok!.id), effects.get(bad!.id), effects.get(stale!.id)], [1, undefined, undefined]);
    assert.deepEqual(await Promise.all([ok, bad, stale].map(async (job) => (await getJob(db, job!.id))?.state)), [
      "done",
      "running",
      "running",
    ]);
  });
});
