import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { before, test } from "node:test";
import { sql } from "kysely";
import { type AppContext, createContext } from "../../app/context.ts";
import { loadConfig } from "../../platform/config/config.ts";
import { describeEachEngine } from "../../platform/db/testing.ts";
import type { Principal } from "../../platform/identity/model.ts";
import { newId } from "../../platform/ids/ids.ts";
import { packageKeys } from "./dedup.ts";
import type { AffectedInput } from "./model.ts";
import * as store from "./store.ts";

const STORED = 2_000;
const FLAWS = [
  "heap buffer overflow when parsing an oversized header",
  "SQL injection through the sort parameter of the search endpoint",
  "cross-site scripting in the comment preview",
  "denial of service by deeply nested JSON documents",
  "path traversal when extracting archive entries",
  "server-side request forgery through the webhook URL",
  "authentication bypass with an empty password",
  "open redirect after login via the next parameter",
  "XML external entity expansion in the config importer",
  "race condition deleting temporary files",
];
const PARTS = ["parser", "router", "session store", "image codec", "template engine", "CLI", "plugin loader"];

/** The i-th filler report: one of 200 npm packages, one of the flaw kinds, one of the components. */
function filler(i: number) {
  const pkg = `pkg${i % 200}`;
  const flaw = FLAWS[i % FLAWS.length]!;
  const part = PARTS[(i * 7) % PARTS.length]!;
  return {
    title: `${flaw} in ${pkg} ${part}`,
    description: `The ${part} of ${pkg} has a ${flaw}. Found while auditing release ${i % 9}.${i % 5}.`,
    affected: [{ kind: "purl", purl: `pkg:npm/${pkg}@1.${i % 9}.0` }] as AffectedInput[],
  };
}

describeEachEngine("dedup candidate lookup", (testStore) => {
  let ctx: AppContext;
  let coordinator: Principal;
  let finder: Principal;

  const human = { kind: "human" } as const;

  before(async () => {
    const config = loadConfig({}, { home: mkdtempSync(path.join(tmpdir(), "aicc-dedup-")), logLevel: "silent" });
    ctx = createContext(config, testStore());
    const gov = await ctx.identity.createOrg(null, { name: "CISA", kind: "government" });
    await ctx.identity.createUser(null, {
      orgId: gov.id,
      email: "coord@gov.test",
      displayName: "Coordinator",
      password: "correct horse battery",
      roles: ["coordinator"],
    });
    const user = async (orgName: string, email: string) => {
      const org = await ctx.identity.createOrg(null, { name: orgName, kind: "researcher" });
      const created = await ctx.identity.createUser(null, {
        orgId: org.id,
        email,
        displayName: email,
        password: "correct horse battery",
        roles: ["reporter"],
      });
      return { orgId: org.id, userId: created.id };
    };
    await user("Finders", "finder@indie.test");
    const archive = await user("Archive", "archive@indie.test");
    coordinator = (await ctx.identity.principalByEmail("coord@gov.test"))!;
    finder = (await ctx.identity.principalByEmail("finder@indie.test"))!;
    // The 2,000 fillers are written through the store in one transaction (submitting each would
    // test the audit chain 2,000 times); the reports under test are submitted through the service.
    await ctx.db.transaction().execute(async (trx) => {
      for (let i = 0; i < STORED; i++) {
        const r = filler(i);
        const row = await store.insertReport(trx, {
          id: newId("rpt"),
          reporter_user_id: archive.userId,
          reporter_org_id: archive.orgId,
          ...r,
          package_keys: packageKeys(r.affected),
          cwes: [],
          cve_ids: [],
          cvss: [],
          cvss_score: null,
          impact: "",
          reproduction: "",
          disclosure: {},
          credit: null,
          provenance_kind: "human",
          provenance: human,
          status: "received",
          completeness: 50,
          missing: [],
          ssvc: null,
          triage_rank: 0,
          kev: null,
          in_kev: false,
          tlp: "AMBER",
          stack: null,
          fingerprint: null,
          evidence: null,
          duplicate_of: null,
        });
        await store.indexForDedup(trx, row);
      }
    });
  });

  const submit = async (title: string, description: string, affected: AffectedInput[], cwes: string[] = []) =>
    (await ctx.reports.submit(finder, { title, description, affected, cwes, provenance: human })).id;

  test("a re-worded duplicate among 2,000 stored reports ranks first and is suggested as a merge", async () => {
    const original = await submit(
      "Prototype pollution in pkg42 deepMerge lets attackers set Object.prototype.isAdmin",
      "deepMerge() in pkg42 copies __proto__ keys from untrusted JSON into the target, so a request body can set Object.prototype.isAdmin and bypass the authorisation middleware.",
      [{ kind: "purl", purl: "pkg:npm/pkg42@1.0.0" }],
      ["CWE-1321"],
    );
    const duplicate = await submit(
      "pkg42: prototype pollution in deepMerge lets an attacker set Object.prototype.isAdmin",
      "A request body can set Object.prototype.isAdmin and so bypass the authorisation middleware: deepMerge() in pkg42 copies __proto__ keys of untrusted JSON into its target object.",
      [{ kind: "product", vendor: "pkg42 project", product: "pkg42" }],
      ["CWE-1321"],
    );
    const candidates = await ctx.reports.duplicates(coordinator, duplicate);
    assert.equal(candidates[0]?.id, original, JSON.stringify(candidates.slice(0, 3)));
    assert.ok(candidates[0]!.suggestMerge, `score ${candidates[0]!.score}`);
    assert.ok(candidates[0]!.reasons.some((r) => r.startsWith("similar text")));
    assert.ok(candidates[0]!.reasons.some((r) => r.startsWith("same product name: pkg42")));
    assert.ok(
      candidates.slice(1).every((c) => !c.suggestMerge),
      "other pkg42 reports are candidates at most, not merges",
    );
  });

  test("a same-package report of another flaw is not suggested as a merge", async () => {
    const unrelated = await submit(
      "pkg7 CLI prints the API token in debug logs",
      "With --verbose the pkg7 command line tool writes the bearer token into its debug log file, readable by other local users.",
      [{ kind: "purl", purl: "pkg:npm/pkg7@1.2.0" }],
      ["CWE-532"],
    );
    const candidates = await ctx.reports.duplicates(coordinator, unrelated);
    assert.ok(candidates.length > 0, "same-package reports are still listed");
    assert.ok(
      candidates.every((c) => !c.suggestMerge),
      JSON.stringify(candidates.slice(0, 3)),
    );
  });

  test("a duplicate that shares no package key is found through its text", async () => {
    const original = await submit(
      "Kestrel gateway leaks upstream credentials through the X-Forwarded-Authorization header",
      "The kestrel gateway copies the upstream Authorization header into X-Forwarded-Authorization on redirects, disclosing upstream credentials to third-party redirect targets.",
      [{ kind: "product", vendor: "Birdworks", product: "Kestrel Gateway" }],
    );
    const duplicate = await submit(
      "Upstream credentials disclosed via X-Forwarded-Authorization on redirect",
      "On redirects the gateway sets X-Forwarded-Authorization to the upstream Authorization header, so third-party redirect targets receive upstream credentials.",
      [{ kind: "cpe", cpe: "cpe:2.3:a:birdworks_inc:kgw:*:*:*:*:*:*:*:*" }],
    );
    const [first] = await ctx.reports.duplicates(coordinator, duplicate);
    assert.equal(first?.id, original);
    assert.ok(first!.reasons.every((r) => !r.startsWith("same package") && !r.startsWith("same product")));
  });

  test("merged duplicates are left out; the index counts every report", async () => {
    const a = await submit(
      "Stack exhaustion in pkg9 YAML anchors",
      "Recursive YAML anchors in pkg9 exhaust the stack.",
      [{ kind: "purl", purl: "pkg:npm/pkg9" }],
    );
    const b = await submit(
      "pkg9: YAML anchor recursion exhausts the stack",
      "pkg9 recurses on YAML anchors until the stack is exhausted.",
      [{ kind: "purl", purl: "pkg:npm/pkg9" }],
    );
    const c = await submit(
      "pkg9 stack exhaustion via recursive YAML anchors",
      "Recursive anchors in YAML given to pkg9 exhaust its stack.",
      [{ kind: "purl", purl: "pkg:npm/pkg9" }],
    );
    assert.ok((await ctx.reports.duplicates(coordinator, c)).some((x) => x.id === b));
    await ctx.reports.merge(coordinator, b, { into: a });
    const after = await ctx.reports.duplicates(coordinator, c);
    assert.equal(after[0]?.id, a);
    assert.ok(!after.some((x) => x.id === b));
    const { rows } = await sql<{ indexed: number; reports: number; counted: number }>`select
        (select count(*)::int from report_dedup_terms) as indexed,
        (select count(*)::int from reports) as reports,
        (select df from report_dedup_stats where term = '') as counted`.execute(ctx.db);
    assert.deepEqual(rows[0], { indexed: rows[0]!.reports, reports: rows[0]!.reports, counted: rows[0]!.reports });
  });
});
