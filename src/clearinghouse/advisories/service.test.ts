import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { before, test } from "node:test";
import { sql } from "kysely";
import type { AppContext } from "../../app/context.ts";
import { describeEachEngine } from "../../platform/db/testing.ts";
import type { AppError } from "../../platform/errors/errors.ts";
import { validateCsaf } from "../../standards/csaf/index.ts";
import { validateCveRecord } from "../../standards/cve5/index.ts";
import { validateOsv } from "../../standards/osv/index.ts";
import { validateStixBundle } from "../../standards/stix/index.ts";
import { exportAdvisories } from "./export.ts";
import type { AdvisoryDraftInput } from "./model.ts";
import { AdvisoryService } from "./service.ts";
import { createPrincipals, sampleDraft, type TestPrincipals, testContext } from "./testing.ts";

async function counts(ctx: AppContext) {
  const row = await sql<{ advisories: number; audit: number; counters: number }>`
    select (select count(*) from advisories)::int as advisories, (select count(*) from audit_log)::int as audit,
           (select coalesce(sum(last), 0) from advisory_counters)::int as counters`.execute(ctx.db);
  return row.rows[0]!;
}

describeEachEngine("advisory service", (store) => {
  let ctx: AppContext;
  let who: TestPrincipals;
  const publish = (draft: AdvisoryDraftInput, actor = who.coordinator, service = ctx.advisories) =>
    ctx.db.transaction().execute((trx) => service.publish(trx, actor, draft, { caseId: "case_test" }));

  before(async () => {
    ctx = testContext(store());
    who = await createPrincipals(ctx, "svc");
  });

  test("publish renders valid CSAF, OSV and CVE 5 documents, stores them and audits", async () => {
    const before = await counts(ctx);
    const advisory = await publish(sampleDraft());
    assert.match(advisory.id, /^AICC-\d{4}-\d{4}$/);
    assert.deepEqual(advisory.formats.sort(), ["csaf", "cve5", "osv"]);
    assert.equal(advisory.cveId, "CVE-2026-10001");
    assert.equal(advisory.severity, "HIGH"); // CVSS 4.0 wins over 3.1 for the headline
    assert.equal(advisory.caseId, "case_test");
    const detail = await ctx.advisories.get(who.coordinator, advisory.id);
    const docs = detail.documents as Record<string, Record<string, unknown>>;
    assert.equal(validateCsaf(docs.csaf).valid, true);
    assert.equal(validateOsv(docs.osv).valid, true);
    assert.equal(validateCveRecord(docs.cve5).valid, true);
    assert.equal((docs.csaf!.document as { category: string }).category, "csaf_security_advisory");
    assert.equal(docs.osv!.id, `x_${advisory.id}`);
    const after = await counts(ctx);
    assert.equal(after.advisories, before.advisories + 1);
    assert.equal(after.audit, before.audit + 1);
    const stix = JSON.parse((await ctx.advisories.download(who.coordinator, advisory.id, "stix")).body);
    assert.equal(validateStixBundle(stix).valid, true);

    // The same draft again is the same publication; a changed one is revision 2.
    assert.equal((await publish({ ...sampleDraft(), id: advisory.id })).revision, 1);
    const revised = await publish({
      ...sampleDraft({ summary: "tarsafe before 2.4.1 follows ../ in member names." }),
      id: advisory.id,
    });
    assert.equal(revised.revision, 2);
    const csaf = (await ctx.advisories.get(null, advisory.id)).documents.csaf as {
      document: { tracking: { revision_history: unknown[]; version: string } };
    };
    assert.equal(csaf.document.tracking.revision_history.length, 2);
    assert.equal(csaf.document.tracking.version, "2");
  });

  test("vendor statements make a valid csaf_vex document", async () => {
    const advisory = await publish(
      sampleDraft({
        aliases: ["CVE-2026-10002"],
        vendorStatements: [
          {
            vendor: "Acme",
            product: "Gateway",
            version: "5.1",
            status: "affected",
            actionStatement: "Upgrade to 5.2.",
            fixedVersions: ["5.2"],
          },
          { vendor: "Globex", product: "Router", status: "not_affected", justification: "vulnerable_code_not_present" },
          { vendor: "Globex", product: "Switch", version: "3.0", status: "under_investigation" },
        ],
      }),
    );
    const docs = (await ctx.advisories.get(who.coordinator, advisory.id)).documents as Record<
      string,
      { document: { category: string } }
    >;
    assert.equal(docs.csaf!.document.category, "csaf_vex");
    assert.equal(validateCsaf(docs.csaf).valid, true);
    assert.equal(validateCveRecord(docs.cve5).valid, true);
  });

  test("an invalid draft is refused with the field named, and nothing is written", async () => {
    const before = await counts(ctx);
    await assert.rejects(
      publish(sampleDraft({ cwes: ["CWE-99999"], references: [{ url: "javascript:alert(1)" }] })),
      (error: AppError) => {
        assert.equal(error.code, "validation");
        const fields = error.fields.map((f) => f.field);
        assert.ok(fields.includes("draft.cwes.0"), fields.join());
        assert.ok(fields.includes("draft.references.0.url"), fields.join());
        return true;
      },
    );
    // A draft whose rendered document fails validation (here: a publisher namespace that is no URI).
    const broken = new AdvisoryService(ctx.db, { ...ctx.advisories.publisher, namespace: "not a uri" });
    await assert.rejects(publish(sampleDraft(), who.coordinator, broken), (error: AppError) => {
      assert.equal(error.code, "validation");
      assert.match(error.message, /csaf document is invalid: csaf:\/document\/publisher\/namespace/);
      return true;
    });
    assert.deepEqual(await counts(ctx), before);
  });

  test("only government coordinators and admins publish", async () => {
    await assert.rejects(publish(sampleDraft(), who.vendor), (e: AppError) => e.code === "forbidden");
  });

  test("TLP decides who reads: list, single read and export filter alike", async () => {
    const green = await publish(sampleDraft({ aliases: [], title: "Green advisory", tlp: "GREEN" }));
    const amber = await publish(
      sampleDraft({ aliases: [], title: "Amber advisory", tlp: "AMBER", recipients: [who.operator.org.id] }),
    );
    const red = await publish(sampleDraft({ aliases: [], title: "Red advisory", tlp: "RED" }));
    const visible = async (actor: typeof who.vendor | null) =>
      new Set((await ctx.advisories.list(actor, { limit: 500 })).items.map((a) => a.id));
    const anonymous = await visible(null);
    const vendor = await visible(who.vendor);
    const operator = await visible(who.operator);
    const coordinator = await visible(who.coordinator);
    assert.ok(!anonymous.has(green.id) && !anonymous.has(amber.id) && !anonymous.has(red.id));
    assert.ok(vendor.has(green.id) && !vendor.has(amber.id) && !vendor.has(red.id));
    assert.ok(operator.has(green.id) && operator.has(amber.id) && !operator.has(red.id));
    assert.ok(coordinator.has(green.id) && coordinator.has(amber.id) && coordinator.has(red.id));
    await assert.rejects(ctx.advisories.get(who.vendor, amber.id), (e: AppError) => e.code === "not_found");
    await assert.rejects(ctx.advisories.get(null, green.id), (e: AppError) => e.code === "not_found");
    assert.equal((await ctx.advisories.get(who.operator, amber.id)).id, amber.id);

    const exported = async (actor: typeof who.vendor | null) => {
      const dir = mkdtempSync(path.join(tmpdir(), "aicc-export-"));
      const summary = await exportAdvisories(ctx.advisories, actor, "osv", dir);
      assert.equal(summary.invalid.length, 0);
      const files = readdirSync(dir);
      for (const f of files) assert.equal(validateOsv(JSON.parse(readFileSync(path.join(dir, f), "utf8"))).valid, true);
      return new Set(files.map((f) => f.replace(/\.json$/, "")));
    };
    const anonymousFiles = await exported(null);
    assert.ok(!anonymousFiles.has(green.id) && !anonymousFiles.has(amber.id));
    const operatorFiles = await exported(who.operator);
    assert.ok(operatorFiles.has(green.id) && operatorFiles.has(amber.id) && !operatorFiles.has(red.id));
  });

  test("list filters: package, ecosystem, text, KEV; keyset pages", async () => {
    await ctx.advisories.importKev(
      null,
      [
        {
          cveId: "CVE-2026-10001",
          vendor: "tarsafe",
          product: "tarsafe",
          name: "tarsafe Path Traversal",
          description: "",
          requiredAction: "Apply updates.",
          dateAdded: "2026-03-02",
          dueDate: "2026-03-23",
          knownRansomware: false,
          notes: "",
          cwes: ["CWE-22"],
        },
      ],
      "test",
    );
    assert.equal((await ctx.advisories.kevFor("CVE-2026-10001"))?.dueDate, "2026-03-23");
    const page = (q: Record<string, unknown>) => ctx.advisories.list(who.coordinator, { limit: 500, ...q });
    const inKev = (await page({ kev: "true" })).items;
    assert.ok(inKev.length === 1 && inKev[0]!.cveId === "CVE-2026-10001" && inKev[0]!.inKev);
    assert.equal((await ctx.advisories.get(who.coordinator, inKev[0]!.id)).kev?.dueDate, "2026-03-23");
    assert.ok((await page({ package: "TarSafe" })).items.length >= 1);
    assert.equal((await page({ ecosystem: "Go" })).items.length, 0);
    assert.ok((await page({ q: "Amber advisory" })).items.some((a) => a.title === "Amber advisory"));
    const first = await page({ limit: 2 });
    assert.equal(first.items.length, 2);
    const second = await page({ limit: 2, cursor: first.nextCursor! });
    assert.ok(second.items.every((a) => !first.items.some((b) => b.id === a.id)));
  });
});
