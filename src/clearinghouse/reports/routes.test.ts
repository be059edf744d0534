import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { before, test } from "node:test";
import { type AppContext, createContext } from "../../app/context.ts";
import { ROUTES } from "../../app/routes.ts";
import { loadConfig } from "../../platform/config/config.ts";
import { describeEachEngine } from "../../platform/db/testing.ts";
import { buildApp } from "../../platform/http/app.ts";
import type { AppInstance } from "../../platform/http/types.ts";

const COORDINATE = { RP: "Y", SCON: "N", RC: "NC", SC: "M", SE: "A", U: "S", PSI: "S" };
const TRACK = { RP: "N", SCON: "Y", RC: "C", SC: "O", SE: "U", U: "L", PSI: "M" };
const CVSS31_CRITICAL = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"; // 9.8
const CVSS31_MEDIUM = "CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:U/C:L/I:L/A:N"; // 4.6
const HASH = "a".repeat(64);

/** A complete human report; `over` replaces fields. */
function report(over: Record<string, unknown> = {}) {
  return {
    title: "Heap overflow in libfoo image decoder",
    description: "A crafted PNG with an oversized IHDR chunk overflows a heap buffer in decode_chunk.",
    affected: [{ kind: "purl", purl: "pkg:npm/libfoo@1.2.3", versions: "< 1.2.4" }],
    cwes: ["CWE-122"],
    cvss: [CVSS31_CRITICAL],
    impact: "Remote code execution when a server thumbnails uploads.",
    reproduction: "node poc.js crafted.png  # crashes in decode_chunk",
    provenance: { kind: "human" },
    ...over,
  };
}

describeEachEngine("reports API", (store) => {
  let app: AppInstance;
  let ctx: AppContext;
  const tokens: Record<string, string> = {};

  async function user(org: { id: string }, email: string, roles: string[]) {
    const u = await ctx.identity.createUser(null, {
      orgId: org.id,
      email,
      displayName: email,
      password: "correct horse battery",
      roles,
    });
    tokens[email] = (await ctx.identity.createToken(null, u.id, { name: "t", scopes: ["read", "write"] })).token;
  }

  before(async () => {
    const config = loadConfig({}, { home: mkdtempSync(path.join(tmpdir(), "aicc-reports-")), logLevel: "silent" });
    ctx = createContext(config, store());
    await user(await ctx.identity.createOrg(null, { name: "CISA", kind: "government" }), "coord@gov.test", [
      "coordinator",
    ]);
    await user(await ctx.identity.createOrg(null, { name: "Indie", kind: "researcher" }), "dana@indie.test", [
      "reporter",
    ]);
    await user(await ctx.identity.createOrg(null, { name: "Acme", kind: "vendor" }), "psirt@acme.test", ["psirt"]);
    await user(await ctx.identity.createOrg(null, { name: "Aurora", kind: "ai_developer" }), "r@aurora.test", [
      "researcher",
    ]);
    await user(await ctx.identity.createOrg(null, { name: "Busy", kind: "researcher" }), "busy@busy.test", [
      "reporter",
    ]);
    app = await buildApp(ctx, { routes: ROUTES, version: "test" });
  });

  const as = (email: string) => ({ authorization: `Bearer ${tokens[email]}` });
  const submit = (email: string, body: unknown) =>
    app.inject({ method: "POST", url: "/api/reports", headers: as(email), payload: body as object });
  const count = async () =>
    Number(
      (
        await ctx.db
          .selectFrom("reports")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  test("submit with AI provenance; the server computes CVSS and ignores a client score", async () => {
    const res = await submit(
      "r@aurora.test",
      report({
        cvssScore: 1.0,
        cvss: [{ vector: CVSS31_CRITICAL, score: 1.0 }].map((c) => c.vector),
        provenance: {
          kind: "ai_assisted",
          model: "aurora-7",
          modelVersion: "2026-10-01",
          developerOrg: "Aurora Labs",
          runId: "run-42",
          transcriptSha256: HASH,
          verifiedBy: "Riley Researcher",
        },
      }),
    );
    assert.equal(res.statusCode, 201, res.body);
    const body = res.json();
    assert.match(body.id, /^rpt_/);
    assert.equal(body.status, "received");
    assert.equal(body.tlp, "AMBER");
    assert.equal(body.cvssScore, 9.8);
    assert.deepEqual(body.cvss[0], { vector: CVSS31_CRITICAL, version: "3.1", score: 9.8, severity: "CRITICAL" });
    assert.equal(body.provenance.transcriptSha256, HASH);
    assert.equal(body.completeness, null, "completeness is for coordinators");
    const coord = await app.inject({ url: `/api/reports/${body.id}`, headers: as("coord@gov.test") });
    assert.equal(typeof coord.json().completeness.score, "number");
  });

  test("an AI-autonomous report without reproducer or verifier is incomplete; a PoC attachment is not enough without a verifier", async () => {
    const res = await submit(
      "r@aurora.test",
      report({
        reproduction: "",
        provenance: {
          kind: "ai_autonomous",
          model: "aurora-7",
          modelVersion: "1",
          developerOrg: "Aurora",
          runId: "r1",
          transcriptSha256: HASH,
        },
      }),
    );
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().status, "incomplete");
    const coord = (await app.inject({ url: `/api/reports/${res.json().id}`, headers: as("coord@gov.test") })).json();
    assert.ok(coord.completeness.missing.includes("reproducer"));
    assert.ok(coord.completeness.missing.includes("human verifier"));
  });

  test("invalid purl, CWE, CVSS and transcript hash: 400 naming the field, nothing written", async () => {
    const before = await count();
    const cases: [Record<string, unknown>, string][] = [
      [{ affected: [{ kind: "purl", purl: "npm/libfoo" }] }, "body.affected.0.purl"],
      [{ cwes: ["CWE-99999999"] }, "body.cwes.0"],
      [{ cvss: ["CVSS:3.1/AV:X"] }, "body.cvss.0"],
      [{ cvss: ["AV:N/AC:L/Au:N/C:P/I:P/A:P"] }, "body.cvss.0"],
      [
        {
          provenance: {
            kind: "ai_assisted",
            model: "m",
            modelVersion: "1",
            developerOrg: "o",
            runId: "r",
            transcriptSha256: "xyz",
            verifiedBy: "v",
          },
        },
        "body.provenance.transcriptSha256",
      ],
    ];
    for (const [over, field] of cases) {
      const res = await submit("dana@indie.test", report(over));
      assert.equal(res.statusCode, 400, res.body);
      assert.match(String(res.headers["content-type"]), /problem\+json/);
      assert.ok(
        res.json().fields.some((f: { field: string }) => f.field === field),
        `${field} in ${res.body}`,
      );
    }
    assert.equal(await count(), before);
  });

  test("another organisation's report is 404 for vendors and researchers; lists hold only their own", async () => {
    const id = (await submit("dana@indie.test", report({ title: "Dana's private finding" }))).json().id;
    for (const email of ["psirt@acme.test", "r@aurora.test"]) {
      assert.equal((await app.inject({ url: `/api/reports/${id}`, headers: as(email) })).statusCode, 404);
      const list = (await app.inject({ url: "/api/reports", headers: as(email) })).json();
      assert.ok(!list.items.some((r: { id: string }) => r.id === id));
      assert.equal((await app.inject({ url: `/api/reports/${id}/duplicates`, headers: as(email) })).statusCode, 403);
      assert.equal((await app.inject({ url: "/api/reports?view=triage", headers: as(email) })).statusCode, 403);
    }
    const own = (await app.inject({ url: "/api/reports", headers: as("dana@indie.test") })).json();
    assert.ok(own.items.some((r: { id: string }) => r.id === id));
  });

  test("the triage queue orders by SSVC outcome, then KEV, then CVSS, and pages by keyset", async () => {
    await ctx.advisories.importKev(
      null,
      [
        {
          cveId: "CVE-2026-0001",
          vendor: "Acme",
          product: "Widget",
          name: "Acme Widget RCE",
          description: "",
          requiredAction: "Patch",
          dateAdded: "2026-01-02",
          dueDate: "2026-01-23",
          knownRansomware: true,
          notes: "",
          cwes: [],
        },
      ],
      "test",
    );
    const made: Record<string, string> = {};
    const specs: [string, Record<string, unknown>][] = [
      ["track-low", { ssvc: TRACK, cvss: [CVSS31_MEDIUM] }],
      ["none", { cvss: [CVSS31_CRITICAL] }],
      ["track-kev", { ssvc: TRACK, cvss: [CVSS31_MEDIUM], cveIds: ["CVE-2026-0001"] }],
      ["coordinate", { ssvc: COORDINATE, cvss: [CVSS31_MEDIUM] }],
      ["track-high", { ssvc: TRACK, cvss: [CVSS31_CRITICAL] }],
    ];
    for (const [name, over] of specs) {
      const res = await submit("psirt@acme.test", report({ title: `triage ${name}`, ...over }));
      assert.equal(res.statusCode, 201, res.body);
      made[res.json().id] = name;
      if (name === "track-kev") assert.equal(res.json().kev[0].dueDate, "2026-01-23");
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/reports?view=triage&limit=2${cursor ? `&cursor=${cursor}` : ""}`;
      const page = (await app.inject({ url, headers: as("coord@gov.test") })).json();
      for (const r of page.items) if (made[r.id]) seen.push(made[r.id]!);
      cursor = page.nextCursor;
    } while (cursor);
    assert.deepEqual(seen, ["coordinate", "track-kev", "track-high", "track-low", "none"]);
  });

  test("attachments download as octet-stream attachments with nosniff; an AI report with PoC and verifier completes", async () => {
    const res = await submit(
      "r@aurora.test",
      report({
        reproduction: "",
        provenance: {
          kind: "ai_autonomous",
          model: "m",
          modelVersion: "1",
          developerOrg: "Aurora",
          runId: "r2",
          transcriptSha256: HASH,
          verifiedBy: "Riley",
        },
      }),
    );
    const id = res.json().id;
    assert.equal(res.json().status, "incomplete");
    const html = "<html><script>alert(1)</script></html>";
    const up = await app.inject({
      method: "POST",
      url: `/api/reports/${id}/attachments?filename=${encodeURIComponent("poc.html")}`,
      headers: { ...as("r@aurora.test"), "content-type": "text/html" },
      payload: html,
    });
    assert.equal(up.statusCode, 201, up.body);
    const sha = up.json().sha256;
    assert.match(sha, /^[0-9a-f]{64}$/);
    const after = (await app.inject({ url: `/api/reports/${id}`, headers: as("r@aurora.test") })).json();
    assert.equal(after.status, "received");
    assert.equal(after.attachments[0].mediaType, "text/html");
    const down = await app.inject({ url: `/api/reports/${id}/attachments/${sha}`, headers: as("r@aurora.test") });
    assert.equal(down.statusCode, 200);
    assert.equal(down.headers["content-type"], "application/octet-stream");
    assert.equal(down.headers["x-content-type-options"], "nosniff");
    assert.match(String(down.headers["content-disposition"]), /^attachment; filename="poc.html"/);
    assert.equal(down.body, html);
    const other = await app.inject({ url: `/api/reports/${id}/attachments/${sha}`, headers: as("psirt@acme.test") });
    assert.equal(other.statusCode, 404);
  });

  test("script and HTML in every text field are stored verbatim and returned as JSON strings", async () => {
    const x = "<script>alert(1)</script><img src=x onerror=alert(2)>";
    const res = await submit(
      "dana@indie.test",
      report({
        title: x,
        description: x,
        impact: x,
        reproduction: x,
        affected: [{ kind: "product", vendor: x, product: x, versions: x }],
        disclosure: { notes: x },
        credit: { name: x },
        stack: { frames: [x], sink: x },
      }),
    );
    assert.equal(res.statusCode, 201, res.body);
    assert.match(String(res.headers["content-type"]), /^application\/json/);
    const got = (await app.inject({ url: `/api/reports/${res.json().id}`, headers: as("dana@indie.test") })).json();
    for (const value of [
      got.title,
      got.description,
      got.impact,
      got.reproduction,
      got.affected[0].vendor,
      got.affected[0].product,
      got.affected[0].versions,
      got.disclosure.notes,
      got.credit.name,
      got.stack.frames[0],
      got.stack.sink,
    ])
      assert.equal(value, x);
  });

  test("dedup ranks a re-worded re-report of the same flaw first, with reasons; a coordinator merges it", async () => {
    const original = (
      await submit(
        "dana@indie.test",
        report({
          title: "Path traversal in zipkit extract() writes outside the target directory",
          description:
            "zipkit's extract() joins archive entry names to the destination without normalising '..' segments, so a crafted archive writes files anywhere the process can write (zip slip).",
          affected: [{ kind: "purl", purl: "pkg:pypi/zipkit@2.0.1" }],
          cwes: ["CWE-22"],
          stack: {
            frames: ["#0 0x4005 in zipkit.extract (zipkit/core.py:120)", "#1 in cli.main (cli.py:8)"],
            sink: "open()",
          },
        }),
      )
    ).json().id;
    await submit(
      "dana@indie.test",
      report({
        title: "Unrelated zipkit bug",
        description: "zipkit CLI prints the wrong version string.",
        affected: [{ kind: "purl", purl: "pkg:pypi/zipkit" }],
        cwes: ["CWE-20"],
      }),
    );
    const dup = (
      await submit(
        "r@aurora.test",
        report({
          title: "Zip slip: ZipKit extraction escapes destination folder",
          description:
            "A crafted archive with '../' entry names makes extract() write files outside the destination directory, because entry names are joined without normalising.",
          affected: [{ kind: "product", vendor: "zipkit project", product: "ZipKit", versions: "2.x" }],
          cwes: ["CWE-22"],
          stack: {
            frames: ["#0 0x7fff in zipkit.extract (zipkit/core.py:131)", "#1 in cli.main (cli.py:9)"],
            sink: "open()",
          },
        }),
      )
    ).json().id;
    const res = await app.inject({ url: `/api/reports/${dup}/duplicates`, headers: as("coord@gov.test") });
    assert.equal(res.statusCode, 200, res.body);
    const [first] = res.json().candidates;
    assert.equal(first.id, original);
    assert.ok(first.reasons.some((r: string) => r.startsWith("same product name")));
    assert.ok(first.reasons.some((r: string) => r.startsWith("same CWE: CWE-22")));
    assert.ok(first.reasons.some((r: string) => r.startsWith("similar text")));
    assert.ok(first.reasons.includes("same stack/sink fingerprint"));

    const backwards = await app.inject({
      method: "POST",
      url: `/api/reports/${original}/merge`,
      headers: as("coord@gov.test"),
      payload: { into: dup },
    });
    assert.equal(backwards.statusCode, 400);
    const merged = await app.inject({
      method: "POST",
      url: `/api/reports/${dup}/merge`,
      headers: as("coord@gov.test"),
      payload: { into: original },
    });
    assert.equal(merged.statusCode, 200, merged.body);
    assert.equal(merged.json().status, "closed");
    const seenByReporter = (await app.inject({ url: `/api/reports/${dup}`, headers: as("r@aurora.test") })).json();
    assert.equal(seenByReporter.duplicateOf, null, "the original is not revealed to the duplicate's reporter");
    assert.ok(!JSON.stringify(seenByReporter).includes(original));
  });

  test("validation needs evidence, follows the allowed transitions and recomputes scores", async () => {
    const id = (await submit("dana@indie.test", report())).json().id;
    const url = `/api/reports/${id}/transition`;
    const noEvidence = await app.inject({
      method: "POST",
      url,
      headers: as("coord@gov.test"),
      payload: { to: "valid" },
    });
    assert.equal(noEvidence.statusCode, 400);
    assert.equal(noEvidence.json().fields[0].field, "evidence");
    const byReporter = await app.inject({
      method: "POST",
      url,
      headers: as("dana@indie.test"),
      payload: { to: "closed" },
    });
    assert.equal(byReporter.statusCode, 403);
    const valid = await app.inject({
      method: "POST",
      url,
      headers: as("coord@gov.test"),
      payload: {
        to: "valid",
        ssvc: COORDINATE,
        cvss: [CVSS31_MEDIUM],
        evidence: { reproduced: true, method: "ran poc.js on 1.2.3" },
      },
    });
    assert.equal(valid.statusCode, 200, valid.body);
    assert.equal(valid.json().ssvc.outcome, "C");
    assert.equal(valid.json().cvssScore, 4.6);
    assert.equal(valid.json().evidence.reproduced, true);
    const back = await app.inject({ method: "POST", url, headers: as("coord@gov.test"), payload: { to: "received" } });
    assert.equal(back.statusCode, 409);
  });

  test("past the organisation's quota, submissions get 429 quota_exceeded", async () => {
    await ctx.db.insertInto("instance_settings").values({ key: "reports.quota_per_org_24h", value: "2" }).execute();
    for (let i = 0; i < 2; i++) assert.equal((await submit("busy@busy.test", report())).statusCode, 201);
    const res = await submit("busy@busy.test", report());
    assert.equal(res.statusCode, 429);
    assert.equal(res.json().code, "quota_exceeded");
  });
});
