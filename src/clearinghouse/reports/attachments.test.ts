import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { type AppContext, createContext } from "../../app/context.ts";
import { ROUTES } from "../../app/routes.ts";
import { loadConfig } from "../../platform/config/config.ts";
import { describeEachEngine } from "../../platform/db/testing.ts";
import { buildApp } from "../../platform/http/app.ts";
import type { AppInstance } from "../../platform/http/types.ts";

const sha256 = (bytes: Uint8Array | string) => createHash("sha256").update(bytes).digest("hex");

describeEachEngine("report attachments over HTTP", (store) => {
  let app: AppInstance;
  let ctx: AppContext;
  let base: string;
  let token: string;
  let reportId: string;

  before(async () => {
    const config = loadConfig({}, { home: mkdtempSync(path.join(tmpdir(), "aicc-attach-")), logLevel: "silent" });
    ctx = createContext(config, store());
    const org = await ctx.identity.createOrg(null, { name: "Indie", kind: "researcher" });
    const user = await ctx.identity.createUser(null, {
      orgId: org.id,
      email: "dana@indie.test",
      displayName: "Dana",
      password: "correct horse battery",
      roles: ["reporter"],
    });
    token = (await ctx.identity.createToken(null, user.id, { name: "t", scopes: ["read", "write"] })).token;
    app = await buildApp(ctx, { routes: ROUTES, version: "test" });
    await app.listen({ port: 0, host: "127.0.0.1" });
    base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const principal = (await ctx.identity.principalByEmail("dana@indie.test"))!;
    reportId = (
      await ctx.reports.submit(principal, {
        title: "Heap overflow in libfoo",
        description: "A crafted PNG overflows a heap buffer.",
        affected: [{ kind: "purl", purl: "pkg:npm/libfoo@1.2.3" }],
        provenance: { kind: "human" },
      })
    ).id;
  });
  after(async () => {
    await app.close();
  });

  const auth = () => ({ authorization: `Bearer ${token}` });
  const upload = (form: FormData) =>
    fetch(`${base}/api/reports/${reportId}/attachments`, { method: "POST", headers: auth(), body: form });
  const attachmentCount = async () =>
    (await ctx.reports.get((await ctx.identity.principalByEmail("dana@indie.test"))!, reportId)).attachments.length;

  test("multipart/form-data: several files in one request, each stored by its SHA-256 and downloadable", async () => {
    const poc = "<html><script>alert(1)</script></html>";
    const trace = new Uint8Array(4096).map((_, i) => i % 251);
    const form = new FormData();
    form.append("file", new Blob([poc], { type: "text/html" }), "poc.html");
    form.append("file", new Blob([trace]), "trace.bin");
    const res = await upload(form);
    assert.equal(res.status, 201, await res.clone().text());
    const { files } = (await res.json()) as {
      files: { sha256: string; filename: string; size: number; added: boolean }[];
    };
    assert.deepEqual(
      files.map((f) => [f.filename, f.sha256, f.size, f.added]),
      [
        ["poc.html", sha256(poc), poc.length, true],
        ["trace.bin", sha256(trace), trace.byteLength, true],
      ],
    );
    const down = await fetch(`${base}/api/reports/${reportId}/attachments/${sha256(trace)}`, { headers: auth() });
    assert.equal(down.headers.get("content-type"), "application/octet-stream");
    assert.deepEqual(new Uint8Array(await down.arrayBuffer()), trace);
  });

  test("a file over the instance's limit is refused with 413 naming it, and nothing of the request is stored", async () => {
    await ctx.db
      .insertInto("instance_settings")
      .values({ key: "reports.attachment_max_bytes", value: "1000" })
      .onConflict((oc) => oc.column("key").doUpdateSet({ value: "1000" }))
      .execute();
    try {
      const before = await attachmentCount();
      const form = new FormData();
      form.append("file", new Blob(["small and fine"]), "notes.txt");
      form.append("file", new Blob([new Uint8Array(64 * 1024)]), "core.dump");
      const res = await upload(form);
      assert.equal(res.status, 413);
      assert.match(String(res.headers.get("content-type")), /problem\+json/);
      const problem = (await res.json()) as { detail: string; fields: { field: string }[] };
      assert.match(problem.detail, /core\.dump/);
      assert.deepEqual(
        problem.fields.map((f) => f.field),
        ["core.dump"],
      );
      assert.equal(await attachmentCount(), before, "the request's first file is not stored either");
      // The raw upload enforces the same limit.
      const raw = await fetch(`${base}/api/reports/${reportId}/attachments?filename=big.bin`, {
        method: "POST",
        headers: { ...auth(), "content-type": "application/octet-stream" },
        body: new Uint8Array(2000),
      });
      assert.equal(raw.status, 413);
    } finally {
      await ctx.db.deleteFrom("instance_settings").where("key", "=", "reports.attachment_max_bytes").execute();
    }
  });

  test("raw-body uploads still work and need ?filename=; JSON routes do not accept multipart", async () => {
    const raw = await fetch(`${base}/api/reports/${reportId}/attachments?filename=repro.sh`, {
      method: "POST",
      headers: { ...auth(), "content-type": "text/x-shellscript" },
      body: "curl -X POST http://target/",
    });
    assert.equal(raw.status, 201, await raw.clone().text());
    assert.equal(((await raw.json()) as { sha256: string }).sha256, sha256("curl -X POST http://target/"));
    const unnamed = await fetch(`${base}/api/reports/${reportId}/attachments`, {
      method: "POST",
      headers: { ...auth(), "content-type": "application/octet-stream" },
      body: "x",
    });
    assert.equal(unnamed.status, 400);
    assert.equal(((await unnamed.json()) as { fields: { field: string }[] }).fields[0]?.field, "filename");
    const form = new FormData();
    form.append("title", "a report as a form");
    const json = await fetch(`${base}/api/reports`, { method: "POST", headers: auth(), body: form });
    assert.equal(json.status, 415);
  });
});
