import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { before, test } from "node:test";
import { createContext } from "../../app/context.ts";
import { ROUTES } from "../../app/routes.ts";
import { loadConfig } from "../config/config.ts";
import { describeEachEngine } from "../db/testing.ts";
import { buildApp } from "./app.ts";
import type { AppInstance } from "./types.ts";

describeEachEngine("HTTP API", (store) => {
  let app: AppInstance;
  let adminOrg: string;
  before(async () => {
    const config = loadConfig({}, { home: mkdtempSync(path.join(tmpdir(), "aicc-http-")), logLevel: "silent" });
    const ctx = createContext(config, store());
    const gov = await ctx.identity.createOrg(null, { name: "Agency", kind: "government" });
    adminOrg = gov.id;
    await ctx.identity.createUser(null, {
      orgId: gov.id,
      email: "admin@agency.test",
      displayName: "Admin",
      password: "correct horse battery",
      roles: ["admin"],
    });
    const vendor = await ctx.identity.createOrg(null, { name: "Vendor", kind: "vendor" });
    await ctx.identity.createUser(null, {
      orgId: vendor.id,
      email: "psirt@vendor.test",
      displayName: "PSIRT",
      password: "correct horse battery",
      roles: ["psirt"],
    });
    app = await buildApp(ctx, { routes: ROUTES, version: "test" });
  });

  async function login(email: string) {
    const res = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email, password: "correct horse battery" },
    });
    assert.equal(res.statusCode, 200, res.body);
    const cookie = res.cookies.find((c) => c.name === "aicc_session")!;
    return {
      cookie: `aicc_session=${cookie.value}`,
      csrf: res.json().csrfToken as string,
      setCookie: cookie,
      body: res.json(),
    };
  }

  test("health, readiness, strict security headers and JSON 404s", async () => {
    const health = await app.inject({ url: "/health" });
    assert.deepEqual(health.json(), { status: "ok" });
    assert.match(String(health.headers["content-security-policy"]), /script-src 'self'/);
    assert.doesNotMatch(String(health.headers["content-security-policy"]), /unsafe-inline/);
    assert.equal(health.headers["x-content-type-options"], "nosniff");
    assert.ok(String(health.headers["x-request-id"]).startsWith("req_"));
    assert.equal((await app.inject({ url: "/ready" })).json().status, "ready");
    const missing = await app.inject({ url: "/api/nothing-here" });
    assert.equal(missing.statusCode, 404);
    assert.match(String(missing.headers["content-type"]), /application\/problem\+json/);
    assert.equal(missing.json().code, "not_found");
  });

  test("the OpenAPI document lists the routes, and /docs renders without script", async () => {
    const doc = (await app.inject({ url: "/openapi.json" })).json();
    assert.ok(doc.paths["/api/auth/login"].post);
    const docs = await app.inject({ url: "/docs" });
    assert.match(docs.body, /\/api\/tokens/);
    assert.doesNotMatch(docs.body, /<script/i);
  });

  test("bad input names the field; malformed JSON is 400; oversize bodies are 413", async () => {
    const bad = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: "not-an-email", password: "x" },
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().fields[0].field, "body.email");
    const malformed = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      headers: { "content-type": "application/json" },
      payload: "{nope",
    });
    assert.equal(malformed.statusCode, 400);
    assert.equal(malformed.json().code, "validation");
    const huge = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: "a@b.co", password: "x".repeat(2_000_000) },
    });
    assert.equal(huge.statusCode, 413);
  });

  test("password login sets a strict session cookie; wrong passwords are 401 with a clear message", async () => {
    const wrong = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: "admin@agency.test", password: "nope nope nope" },
    });
    assert.equal(wrong.statusCode, 401);
    assert.equal(wrong.json().detail, "Email or password is wrong");
    const { setCookie, body, cookie } = await login("admin@agency.test");
    assert.equal(setCookie.httpOnly, true);
    assert.equal(setCookie.sameSite, "Strict");
    assert.deepEqual(
      body.modules.map((m: { id: string }) => m.id),
      ["dashboard", "clearinghouse", "exposure", "evaluation", "framework", "programs", "admin"],
    );
    const session = await app.inject({ url: "/api/session", headers: { cookie } });
    assert.equal(session.json().user.email, "admin@agency.test");
    assert.equal((await app.inject({ url: "/api/session" })).statusCode, 401);
  });

  test("cookie-authenticated state changes need the CSRF token", async () => {
    const { cookie, csrf } = await login("admin@agency.test");
    const withoutCsrf = await app.inject({
      method: "POST",
      url: "/api/tokens",
      headers: { cookie },
      payload: { name: "ci" },
    });
    assert.equal(withoutCsrf.statusCode, 403);
    assert.equal(withoutCsrf.json().code, "csrf");
    const ok = await app.inject({
      method: "POST",
      url: "/api/tokens",
      headers: { cookie, "x-csrf-token": csrf },
      payload: { name: "ci" },
    });
    assert.equal(ok.statusCode, 201);
  });

  test("API tokens: shown once, scoped, usable as Bearer, revocable", async () => {
    const { cookie, csrf } = await login("admin@agency.test");
    const created = await app.inject({
      method: "POST",
      url: "/api/tokens",
      headers: { cookie, "x-csrf-token": csrf },
      payload: { name: "reader", scopes: ["read"], expiresInDays: 30 },
    });
    const { token, id } = created.json();
    assert.match(token, /^aicc_pat_/);
    const listed = await app.inject({ url: "/api/tokens", headers: { cookie } });
    assert.ok(!listed.body.includes(token), "the secret is never shown again");
    const bearer = { authorization: `Bearer ${token}` };
    assert.equal((await app.inject({ url: "/api/session", headers: bearer })).statusCode, 200);
    // A read-scoped token cannot administer, even for an admin.
    const denied = await app.inject({
      method: "POST",
      url: "/api/orgs",
      headers: bearer,
      payload: { name: "X Org", kind: "vendor" },
    });
    assert.equal(denied.statusCode, 403);
    assert.equal(
      (await app.inject({ method: "DELETE", url: `/api/tokens/${id}`, headers: { cookie, "x-csrf-token": csrf } }))
        .statusCode,
      204,
    );
    assert.equal((await app.inject({ url: "/api/session", headers: bearer })).statusCode, 401);
  });

  test("administration is for admins only", async () => {
    const psirt = await login("psirt@vendor.test");
    const res = await app.inject({
      method: "POST",
      url: "/api/users",
      headers: { cookie: psirt.cookie, "x-csrf-token": psirt.csrf },
      payload: {},
    });
    assert.equal(res.statusCode, 400); // validation comes first: the body is empty
    const real = await app.inject({
      method: "POST",
      url: "/api/users",
      headers: { cookie: psirt.cookie, "x-csrf-token": psirt.csrf },
      payload: {
        orgId: adminOrg,
        email: "x@agency.test",
        displayName: "X",
        password: "0123456789ab",
        roles: ["admin"],
      },
    });
    assert.equal(real.statusCode, 403);
    const admin = await login("admin@agency.test");
    const wrongRole = await app.inject({
      method: "POST",
      url: "/api/users",
      headers: { cookie: admin.cookie, "x-csrf-token": admin.csrf },
      payload: {
        orgId: adminOrg,
        email: "x@agency.test",
        displayName: "X",
        password: "0123456789ab",
        roles: ["psirt"],
      },
    });
    assert.equal(wrongRole.statusCode, 400);
    assert.equal(wrongRole.json().fields[0].field, "roles");
  });

  test("failed logins are rate-limited per account with Retry-After", async () => {
    let last = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: "psirt@vendor.test", password: "wrong wrong" },
    });
    for (let i = 0; i < 5; i++) {
      last = await app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { email: "psirt@vendor.test", password: "wrong wrong" },
      });
    }
    assert.equal(last.statusCode, 429);
    assert.ok(Number(last.headers["retry-after"]) > 0);
    // Even the right password is refused while the account is locked out.
    const right = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: "psirt@vendor.test", password: "correct horse battery" },
    });
    assert.equal(right.statusCode, 429);
  });
});
