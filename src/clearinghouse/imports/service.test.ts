import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { before, test } from "node:test";
import type { AppContext } from "../../app/context.ts";
import { auditTrail } from "../../platform/audit/audit.ts";
import { describeEachEngine } from "../../platform/db/testing.ts";
import { emitCsaf } from "../../standards/csaf/index.ts";
import { createPrincipals, sampleDraft, type TestPrincipals, testContext } from "../advisories/testing.ts";

const FIXTURES = path.join(import.meta.dirname, "fixtures");

describeEachEngine("advisory imports", (store) => {
  let ctx: AppContext;
  let who: TestPrincipals;
  before(async () => {
    ctx = testContext(store());
    who = await createPrincipals(ctx, "imp");
  });

  test("OSV JSON and YAML import; a bad document is reported with file and field, the rest imports", async () => {
    const first = await ctx.imports.importPath(null, "osv", FIXTURES);
    assert.equal(first.total, 5);
    assert.equal(first.created, 4);
    assert.equal(first.failed, 1);
    const [problem] = first.problems;
    assert.match(problem!.file, /PYSEC-2023-80\.yaml$/);
    assert.equal(problem!.field, "/affected/0/ranges/0/events/1/fixed");
    const django = await ctx.advisories.get(null, "PYSEC-2024-102");
    assert.equal(django.cveId, "CVE-2024-45230");
    assert.equal(django.source, "import:osv");
    assert.equal(django.tlp, "CLEAR");
  });

  test("importing the same documents again changes nothing; changed content updates and audits", async () => {
    const again = await ctx.imports.importPath(null, "osv", FIXTURES);
    assert.deepEqual([again.created, again.updated, again.unchanged, again.failed], [0, 0, 4, 1]);

    const dir = mkdtempSync(path.join(tmpdir(), "aicc-osv-"));
    cpSync(path.join(FIXTURES, "go-vulndb"), dir, { recursive: true });
    const file = path.join(dir, "GO-2024-3228.json");
    const doc = JSON.parse(readFileSync(file, "utf8"));
    doc.summary = "Open redirect in github.com/coder/coder (revised)";
    writeFileSync(file, JSON.stringify(doc));
    const changed = await ctx.imports.importPath(null, "osv", dir);
    assert.deepEqual([changed.created, changed.updated, changed.unchanged], [0, 1, 1]);
    const advisory = await ctx.advisories.get(null, "GO-2024-3228");
    assert.equal(advisory.title, "Open redirect in github.com/coder/coder (revised)");
    assert.equal(advisory.revision, 2);
    const trail = await auditTrail(ctx.db, "advisory", "GO-2024-3228");
    assert.deepEqual(
      trail.map((e) => e.action),
      ["advisory.import_update", "advisory.import"],
    );
  });

  test("CSAF and CVE 5 documents import; an id another source holds is reported", async () => {
    const published = await ctx.db
      .transaction()
      .execute((trx) => ctx.advisories.publish(trx, who.coordinator, sampleDraft({ aliases: ["CVE-2026-20001"] })));
    const { documents } = await ctx.advisories.get(who.coordinator, published.id);
    const dir = mkdtempSync(path.join(tmpdir(), "aicc-csaf-"));
    const csaf = structuredClone(documents.csaf) as { document: { tracking: { id: string } } };
    csaf.document.tracking.id = "EXT-2026-0001";
    writeFileSync(path.join(dir, "ext-2026-0001.json"), emitCsaf(csaf));
    writeFileSync(path.join(dir, "clash.json"), emitCsaf(documents.csaf as object));
    writeFileSync(path.join(dir, "broken.json"), "{ not json");
    const summary = await ctx.imports.importPath(null, "csaf", dir);
    assert.equal(summary.created, 1);
    assert.deepEqual(
      summary.problems.map((p) => [path.basename(p.file), p.field]),
      [
        ["broken.json", "(document)"],
        ["clash.json", "(document)"],
      ],
    );
    const imported = await ctx.advisories.get(null, "EXT-2026-0001");
    assert.equal(imported.source, "import:csaf");
    assert.equal(imported.cveId, "CVE-2026-20001");

    const cveDir = mkdtempSync(path.join(tmpdir(), "aicc-cve-"));
    const record = structuredClone(documents.cve5) as { cveMetadata: { cveId: string } };
    record.cveMetadata.cveId = "CVE-2026-20002";
    writeFileSync(path.join(cveDir, "CVE-2026-20002.json"), JSON.stringify(record));
    const cves = await ctx.imports.importPath(null, "cve5", cveDir);
    assert.equal(cves.created, 1);
    const cve = await ctx.advisories.get(null, "CVE-2026-20002");
    assert.equal(cve.severity, "HIGH");
    assert.deepEqual(cve.formats, ["cve5"]);
  });

  test("KEV: valid entries import, a bad one is reported by field, a second run changes nothing", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "aicc-kev-")), "kev.json");
    const entry = {
      cveID: "CVE-2024-45230",
      vendorProject: "Django",
      product: "Django",
      vulnerabilityName: "Django urlize DoS",
      dateAdded: "2024-11-01",
      shortDescription: "Denial of service.",
      requiredAction: "Apply updates.",
      dueDate: "2024-11-22",
      knownRansomwareCampaignUse: "Known",
      notes: "",
      cwes: ["CWE-400"],
    };
    const catalog = {
      catalogVersion: "2024.11.01",
      vulnerabilities: [entry, { ...entry, cveID: "CVE-2", dueDate: "soon" }],
    };
    writeFileSync(file, JSON.stringify(catalog));
    const first = await ctx.imports.importKev(null, file);
    assert.deepEqual([first.total, first.created, first.failed], [2, 1, 1]);
    assert.equal(first.problems[0]!.field, "/vulnerabilities/1/cveID");
    const kev = await ctx.advisories.kevFor("CVE-2024-45230");
    assert.equal(kev?.knownRansomware, true);
    assert.equal((await ctx.advisories.get(null, "PYSEC-2024-102")).kev?.dueDate, "2024-11-22");
    const second = await ctx.imports.importKev(null, file);
    assert.deepEqual([second.created, second.updated, second.unchanged], [0, 0, 1]);
  });

  test("only coordinators and admins import", async () => {
    await assert.rejects(ctx.imports.importPath(who.vendor, "osv", FIXTURES), /forbidden|coordinators/);
  });
});
