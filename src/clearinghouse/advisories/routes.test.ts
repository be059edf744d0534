import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import path from "node:path";
import { before, test } from "node:test";
import type { AppContext } from "../../app/context.ts";
import { ROUTES } from "../../app/routes.ts";
import { describeEachEngine } from "../../platform/db/testing.ts";
import { buildApp } from "../../platform/http/app.ts";
import type { AppInstance } from "../../platform/http/types.ts";
import { validateCsaf, validateProviderMetadata, validateRolieFeed } from "../../standards/csaf/index.ts";
import type { Advisory } from "./model.ts";
import { createPrincipals, sampleDraft, type TestPrincipals, testContext } from "./testing.ts";

const FIXTURES = path.join(import.meta.dirname, "..", "imports", "fixtures");

describeEachEngine("advisory HTTP API, OSV API and CSAF feed", (store) => {
  let ctx: AppContext;
  let app: AppInstance;
  let who: TestPrincipals;
  let clear: Advisory;
  let green: Advisory;
  let token: string;

  const post = (url: string, payload: unknown) => app.inject({ method: "POST", url, payload: payload as object });
  const ids = (body: { vulns?: { id: string }[] }) => (body.vulns ?? []).map((v) => v.id).sort();

  before(async () => {
    ctx = testContext(store());
    who = await createPrincipals(ctx, "http");
    await ctx.imports.importPath(null, "osv", FIXTURES);
    const publish = (draft: ReturnType<typeof sampleDraft>) =>
      ctx.db.transaction().execute((trx) => ctx.advisories.publish(trx, who.coordinator, draft));
    const introduced = "1111111111111111111111111111111111111111";
    const tarsafe = {
      ecosystem: "PyPI",
      name: "tarsafe",
      ranges: [
        { type: "ECOSYSTEM" as const, events: [{ introduced: "0" }, { fixed: "2.4.1" }] },
        {
          type: "GIT" as const,
          repo: "https://github.com/acme/tarsafe",
          events: [{ introduced }, { fixed: "2".repeat(40) }],
        },
      ],
    };
    clear = await publish(sampleDraft({ packages: [tarsafe] }));
    green = await publish(
      sampleDraft({ aliases: ["CVE-2026-10009"], title: "Green-only tarsafe issue", tlp: "GREEN" }),
    );
    token = (await ctx.identity.createToken(null, who.vendor.userId, { name: "t", scopes: ["read"] })).token;
    app = await buildApp(ctx, { routes: ROUTES, version: "test" });
  });

  test("POST /v1/query matches package versions with each ecosystem's rules", async () => {
    const query = (pkg: object, version?: string) => post("/v1/query", { package: pkg, ...(version && { version }) });
    const stdlib = { name: "stdlib", ecosystem: "Go" };
    assert.deepEqual(ids((await query(stdlib, "1.21.2")).json()), ["GO-2023-2102"]);
    assert.deepEqual((await query(stdlib, "1.21.3")).json(), {}); // fixed in 1.21.3, as osv.dev answers: {}
    const django = { name: "Django", ecosystem: "PyPI" }; // PyPI names compare normalised
    assert.deepEqual(ids((await query(django, "5.0.8")).json()), ["PYSEC-2024-102"]);
    assert.deepEqual((await query(django, "5.0.9")).json(), {});
    assert.deepEqual(ids((await post("/v1/query", { package: { purl: "pkg:pypi/django@4.2.15" } })).json()), [
      "PYSEC-2024-102",
    ]);
    const full = (await query({ name: "tarsafe", ecosystem: "PyPI" }, "2.4.0")).json();
    assert.deepEqual(ids(full), [`x_${clear.id}`]); // the GREEN one is not public
    assert.equal(full.vulns[0].affected[0].package.name, "tarsafe");
    assert.deepEqual(ids((await query({ name: "github.com/coder/coder/v2", ecosystem: "Go" })).json()), [
      "GO-2024-3228",
    ]);
    const commit = (await post("/v1/query", { commit: "d708ed548e1d6f254ba81a21de8ba543a53b5598" })).json();
    assert.deepEqual(ids(commit), []); // a fixing commit is not affected
    const introducing = (await post("/v1/query", { commit: "1".repeat(40) })).json();
    assert.deepEqual(ids(introducing), [`x_${clear.id}`]);
  });

  test("POST /v1/querybatch answers ids and modified times per query", async () => {
    const res = await post("/v1/querybatch", {
      queries: [
        { package: { name: "stdlib", ecosystem: "Go" }, version: "1.20.0" },
        { package: { name: "left-pad", ecosystem: "npm" }, version: "1.0.0" },
        { package: { purl: "pkg:pypi/tarsafe@1.0" } },
      ],
    });
    assert.equal(res.statusCode, 200, res.body);
    const { results } = res.json();
    assert.deepEqual(results[0], { vulns: [{ id: "GO-2023-2102", modified: "0001-01-01T00:00:00Z" }] });
    assert.deepEqual(results[1], {});
    assert.deepEqual(ids(results[2]), [`x_${clear.id}`]);
  });

  test("GET /v1/vulns/{id} by id, OSV id and alias; TLP:GREEN is not public", async () => {
    assert.equal((await app.inject({ url: "/v1/vulns/GO-2023-2102" })).json().id, "GO-2023-2102");
    assert.equal((await app.inject({ url: "/v1/vulns/CVE-2023-39325" })).json().id, "GO-2023-2102");
    assert.equal((await app.inject({ url: `/v1/vulns/${clear.id}` })).json().id, `x_${clear.id}`);
    assert.equal((await app.inject({ url: `/v1/vulns/${green.id}` })).statusCode, 404);
    assert.equal((await app.inject({ url: "/v1/vulns/CVE-2026-10009" })).statusCode, 404);
  });

  test("bad OSV queries are 400 problem+json naming the field", async () => {
    const cases: [unknown, string][] = [
      [{ package: { name: "x", ecosystem: "Nope" }, version: "1" }, "package.ecosystem"],
      [{ version: "1.0" }, "package"],
      [{ package: { purl: "pkg:pypi/django@1.0" }, version: "2.0" }, "version"],
      [{ package: { name: "x" } }, "package.ecosystem"],
      [{ commit: "zz" }, "body.commit"],
      [{ queries: [] }, "body"],
    ];
    for (const [body, field] of cases) {
      const res = await post(field === "body" ? "/v1/querybatch" : "/v1/query", body);
      assert.equal(res.statusCode, 400, `${JSON.stringify(body)} → ${res.body}`);
      assert.match(String(res.headers["content-type"]), /application\/problem\+json/);
      assert.ok(
        res.json().fields.some((f: { field: string }) => f.field.startsWith(field)),
        res.body,
      );
    }
    const unknown = await post("/v1/query", { package: { name: "x", ecosystem: "Nope" } });
    assert.match(unknown.json().detail, /unknown ecosystem "Nope"/);
  });

  test("CSAF provider metadata and ROLIE feed validate and list TLP:CLEAR documents only", async () => {
    const metadata = (await app.inject({ url: "/.well-known/csaf/provider-metadata.json" })).json();
    assert.equal(validateProviderMetadata(metadata).valid, true);
    assert.equal(metadata.canonical_url, "https://aicc.test/.well-known/csaf/provider-metadata.json");
    const feed = (await app.inject({ url: "/.well-known/csaf/white/feed-tlp-white.json" })).json();
    assert.equal(validateRolieFeed(feed).valid, true);
    assert.deepEqual(
      feed.feed.entry.map((e: { id: string }) => e.id),
      [clear.id],
    );
    const url = new URL(feed.feed.entry[0].content.src);
    const doc = await app.inject({ url: url.pathname });
    assert.equal(doc.statusCode, 200);
    assert.equal(validateCsaf(doc.json()).valid, true);
    const sha = await app.inject({ url: `${url.pathname}.sha256` });
    assert.equal(sha.body.split(" ")[0], createHash("sha256").update(doc.body).digest("hex"));
    assert.match(
      (await app.inject({ url: "/.well-known/csaf/white/index.txt" })).body,
      new RegExp(path.basename(url.pathname)),
    );
    const greenPath = url.pathname.replace(clear.id.toLowerCase(), green.id.toLowerCase());
    assert.equal((await app.inject({ url: greenPath })).statusCode, 404);
  });

  test("the signed-in API lists what TLP allows and serves each format as a download", async () => {
    assert.equal((await app.inject({ url: "/api/advisories" })).statusCode, 401);
    const auth = { authorization: `Bearer ${token}` };
    const list = (await app.inject({ url: "/api/advisories?limit=500", headers: auth })).json();
    const listed = list.items.map((a: { id: string }) => a.id);
    assert.ok(listed.includes(green.id) && listed.includes(clear.id) && listed.includes("GO-2023-2102"));
    const byPackage = (
      await app.inject({ url: "/api/advisories?package=django&ecosystem=PyPI", headers: auth })
    ).json();
    assert.deepEqual(
      byPackage.items.map((a: { id: string }) => a.id),
      ["PYSEC-2024-102"],
    );
    const detail = (await app.inject({ url: `/api/advisories/${green.id}`, headers: auth })).json();
    assert.deepEqual(Object.keys(detail.documents).sort(), ["csaf", "cve5", "osv"]);
    for (const format of ["csaf", "osv", "cve5", "stix"]) {
      const res = await app.inject({ url: `/api/advisories/${green.id}/${format}`, headers: auth });
      assert.equal(res.statusCode, 200, res.body);
      assert.match(String(res.headers["content-disposition"]), /^attachment; filename="/);
      assert.equal(res.headers["x-content-type-options"], "nosniff");
      JSON.parse(res.body);
    }
    assert.equal((await app.inject({ url: "/api/advisories/GO-2023-2102/cve5", headers: auth })).statusCode, 404);
    assert.equal((await app.inject({ url: `/api/advisories/${green.id}/pdf`, headers: auth })).statusCode, 400);
    const red = await ctx.db
      .transaction()
      .execute((trx) => ctx.advisories.publish(trx, who.coordinator, sampleDraft({ aliases: [], tlp: "RED" })));
    assert.equal((await app.inject({ url: `/api/advisories/${red.id}`, headers: auth })).statusCode, 404);
  });
});
