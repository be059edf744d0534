import assert from "node:assert/strict";
import { test } from "node:test";
import { sql } from "kysely";
import { migrate, migrationStatus } from "./migrator.ts";
import { describeEachEngine } from "./testing.ts";

describeEachEngine("migrations", (store) => {
  test("a template-made database has every migration applied, and migrate is then a no-op", async () => {
    const status = await migrationStatus(store());
    assert.ok(status.length > 0);
    assert.ok(status.every((m) => m.applied));
    assert.deepEqual(await migrate(store()), []);
  });

  test("text arrays, jsonb and timestamps round-trip the same on every engine", async () => {
    const { db } = store();
    await db
      .insertInto("orgs")
      .values({ id: "org_x", name: "X", kind: "operator", sectors: ["energy", "water"] })
      .execute();
    await db
      .insertInto("instance_settings")
      .values({ key: "k", value: JSON.stringify({ a: [1, "b"] }) })
      .execute();
    const org = await db.selectFrom("orgs").selectAll().where("id", "=", "org_x").executeTakeFirstOrThrow();
    assert.deepEqual(org.sectors, ["energy", "water"]);
    assert.ok(org.created_at instanceof Date);
    const setting = await db
      .selectFrom("instance_settings")
      .select("value")
      .where("key", "=", "k")
      .executeTakeFirstOrThrow();
    assert.deepEqual(setting.value, { a: [1, "b"] });
    const count = await sql<{ n: number }>`select count(*) as n from orgs`.execute(db);
    assert.equal(count.rows[0]!.n, 1);
  });

  test("a failed statement inside a transaction rolls back everything before it", async () => {
    const { db } = store();
    await assert.rejects(
      db.transaction().execute(async (trx) => {
        await trx.insertInto("orgs").values({ id: "org_y", name: "Y", kind: "vendor" }).execute();
        await trx.insertInto("orgs").values({ id: "org_z", name: "Z", kind: "not-a-kind" }).execute();
      }),
    );
    const rows = await db.selectFrom("orgs").select("id").where("id", "in", ["org_y", "org_z"]).execute();
    assert.equal(rows.length, 0);
  });
});
