import assert from "node:assert/strict";
import { test } from "node:test";
import { sql } from "kysely";
import { describeEachEngine } from "../db/testing.ts";
import { appendAudit, verifyAuditChain } from "./audit.ts";

const actor = { userId: "usr_test", orgId: "org_test" };

describeEachEngine("audit chain", (store) => {
  async function appendSome(n: number) {
    for (let i = 0; i < n; i++) {
      await store()
        .db.transaction()
        .execute((trx) =>
          appendAudit(trx, actor, {
            action: "case.update",
            subjectType: "case",
            subjectId: `case_${i}`,
            before: { title: `old ${i}` },
            after: { title: `new ${i}` },
            details: { note: "x", n: i },
          }),
        );
    }
  }

  test("an intact chain verifies, and entries link in order", async () => {
    await appendSome(5);
    const result = await verifyAuditChain(store().db);
    assert.deepEqual(result.ok && result.entries, 5);
  });

  test("editing any field of a middle row with raw SQL is detected and names the row", async () => {
    await sql`update audit_log set action = 'case.delete' where seq = 3`.execute(store().db);
    const result = await verifyAuditChain(store().db);
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.firstBadSeq, 3);
    await sql`update audit_log set action = 'case.update' where seq = 3`.execute(store().db);
    assert.equal((await verifyAuditChain(store().db)).ok, true);
  });

  test("deleting a middle row is detected", async () => {
    const { db } = store();
    const saved = await db.selectFrom("audit_log").selectAll().where("seq", "=", 2).executeTakeFirstOrThrow();
    await sql`delete from audit_log where seq = 2`.execute(db);
    const result = await verifyAuditChain(db);
    assert.equal(!result.ok && result.firstBadSeq, 2);
    await db
      .insertInto("audit_log")
      .values({ ...saved, details: JSON.stringify(saved.details) })
      .execute();
    assert.equal((await verifyAuditChain(db)).ok, true);
  });

  test("deleting the newest row is detected through the head", async () => {
    await sql`delete from audit_log where seq = (select max(seq) from audit_log)`.execute(store().db);
    const result = await verifyAuditChain(store().db);
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.reason : "", /deleted/);
  });
});
