import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestServer } from "../platform/http/test-server.ts";

/** What `npm start` shows a new user: the demo's content, through the same API the web app uses. */
describe("demo content", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;

  before(async () => {
    server = await startTestServer({ demo: true, demoContent: true });
  });
  after(() => server?.close());

  async function tokenFor(email: string): Promise<string> {
    const principal = await server.ctx.identity.principalByEmail(email);
    assert.ok(principal, email);
    const created = await server.ctx.identity.createToken(principal, principal.userId, {
      name: "demo test",
      scopes: ["read"],
    });
    return created.token;
  }

  test("the coordinator's triage queue holds reports in the states a coordinator meets", async () => {
    const token = await tokenFor("coordinator@cisa.demo");
    const response = await fetch(`${server.url}/api/reports?view=triage`, {
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(response.status, 200);
    const { items } = (await response.json()) as { items: { status: string; provenance: { kind: string } }[] };
    assert.deepEqual(items.map((r) => r.status).sort(), ["accepted", "incomplete", "received"]);
    assert.deepEqual(items.map((r) => r.provenance.kind).sort(), ["ai_assisted", "ai_autonomous", "human"]);
  });

  test("the imported advisories answer on the public OSV API", async () => {
    const response = await fetch(`${server.url}/v1/query`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ package: { name: "django", ecosystem: "PyPI" }, version: "4.2.0" }),
    });
    assert.equal(response.status, 200);
    const { vulns } = (await response.json()) as { vulns: { id: string }[] };
    assert.ok(
      vulns.some((v) => v.id === "PYSEC-2024-102"),
      JSON.stringify(vulns.map((v) => v.id)),
    );
  });

  test("Acme sees its embargoed case; Globex, not a participant, sees none", async () => {
    const list = async (email: string) => {
      const response = await fetch(`${server.url}/api/cases`, {
        headers: { authorization: `Bearer ${await tokenFor(email)}` },
      });
      assert.equal(response.status, 200);
      return ((await response.json()) as { items: { embargo: { state: string }; title: string }[] }).items;
    };
    const acme = await list("psirt@acme.demo");
    assert.equal(acme.length, 1);
    assert.equal(acme[0]?.embargo.state, "active");
    assert.deepEqual(await list("psirt@globex.demo"), []);
  });
});
