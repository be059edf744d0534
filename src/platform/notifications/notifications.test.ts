import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { SMTPServer } from "smtp-server";
import { type AppContext, createContext } from "../../app/context.ts";
import { ROUTES } from "../../app/routes.ts";
import { loadConfig } from "../config/config.ts";
import { describeEachEngine } from "../db/testing.ts";
import { buildApp } from "../http/app.ts";
import type { AppInstance } from "../http/types.ts";
import { Worker } from "../queue/index.ts";
import { memoryLogger, waitFor } from "../queue/testing.ts";
import { registerNotificationJobs } from "./delivery.ts";
import type { NotificationInput } from "./model.ts";
import { NotificationService } from "./service.ts";
import { verifyWebhookSignature } from "./signature.ts";

const PUBLIC_URL = "https://aicc.example";

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver: /ok answers 200, /flaky 500 once then 200, /moved a redirect to /ok. */
async function startReceiver() {
  const received: Received[] = [];
  const flakyCalls = new Map<string, number>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = req.url ?? "/";
      received.push({ path: url, headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      if (url === "/flaky") {
        const delivery = String(req.headers["x-aicc-delivery"]);
        const n = (flakyCalls.get(delivery) ?? 0) + 1;
        flakyCalls.set(delivery, n);
        res.writeHead(n === 1 ? 500 : 204).end();
      } else if (url === "/moved") res.writeHead(302, { location: "/ok" }).end();
      else res.writeHead(200, { "content-type": "text/plain" }).end("thanks");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, received, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** A port nothing listens on: bound, then released. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A real SMTP server keeping each message's envelope and raw text. */
async function startSmtp() {
  const mails: { to: string[]; raw: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString("utf8") });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return { server, mails, url: `smtp://127.0.0.1:${port}` };
}

describeEachEngine("notifications", (store) => {
  let ctx: AppContext;
  let app: AppInstance;
  let worker: Worker;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  const users: Record<string, string> = {};
  const orgs: Record<string, string> = {};
  const tokens: Record<string, string> = {};

  async function user(org: string, email: string, roles: string[], scopes = ["read", "write", "admin"]) {
    const u = await ctx.identity.createUser(null, {
      orgId: orgs[org]!,
      email,
      displayName: email,
      password: "correct horse battery",
      roles,
    });
    users[email] = u.id;
    tokens[email] = (await ctx.identity.createToken(null, u.id, { name: "t", scopes })).token;
  }

  before(async () => {
    receiver = await startReceiver();
    smtp = await startSmtp();
    const config = loadConfig(
      {},
      {
        home: mkdtempSync(path.join(tmpdir(), "aicc-notify-")),
        logLevel: "silent",
        publicUrl: PUBLIC_URL,
        smtpUrl: smtp.url,
        smtpFrom: "aicc@aicc.example",
      },
    );
    const base = createContext(config, store());
    // Three attempts per delivery keep the dead-letter test short.
    ctx = {
      ...base,
      notifications: new NotificationService(base.db, base.vault, {
        publicUrl: PUBLIC_URL,
        email: true,
        maxAttempts: 3,
      }),
    };
    for (const [key, name, kind] of [
      ["gov", "CISA", "government"],
      ["acme", "Acme", "vendor"],
      ["beta", "Beta", "vendor"],
      ["indie", "Indie", "researcher"],
    ] as const)
      orgs[key] = (await ctx.identity.createOrg(null, { name, kind })).id;
    await user("gov", "admin@gov.test", ["admin"]);
    await user("acme", "p1@acme.test", ["psirt"]);
    await user("acme", "p2@acme.test", ["psirt"], ["read", "write"]);
    await user("acme", "gone@acme.test", ["psirt"]);
    await user("beta", "p@beta.test", ["psirt"]);
    await user("indie", "dana@indie.test", ["reporter"]);
    await ctx.db
      .updateTable("users")
      .set({ disabled_at: new Date() })
      .where("id", "=", users["gone@acme.test"]!)
      .execute();
    app = await buildApp(ctx, { routes: ROUTES, version: "test" });
    worker = new Worker({ db: ctx.db, concurrency: 4, pollMinMs: 10, pollMaxMs: 50, logger: memoryLogger() });
    registerNotificationJobs(worker, ctx, { retry: { baseMs: 50, maxMs: 200, jitter: 0 } });
    worker.start();
  });

  after(async () => {
    await worker.stop({ graceMs: 0 });
    await app.close();
    await new Promise<void>((resolve) => receiver.server.close(() => resolve()));
    await new Promise<void>((resolve) => smtp.server.close(() => resolve()));
  });

  const as = (email: string) => ({ authorization: `Bearer ${tokens[email]}` });
  const notify = (input: NotificationInput) =>
    ctx.db.transaction().execute((trx) => ctx.notifications.notify(trx, input));
  const notice = (over: Partial<NotificationInput> = {}): NotificationInput => ({
    kind: "case.published",
    title: "Case published: heap overflow in libfoo",
    body: "The advisory is out.\n<script>alert(1)</script> stays text.",
    link: "/clearinghouse/cases/case_1",
    recipients: { orgIds: [orgs.acme!] },
    data: { caseId: "case_1" },
    ...over,
  });
  async function createHook(email: string, body: Record<string, unknown>) {
    const res = await app.inject({ method: "POST", url: "/api/webhooks", headers: as(email), payload: body });
    assert.equal(res.statusCode, 201, res.body);
    return res.json() as { id: string; secret: string };
  }
  async function deliveries(hookId: string, email = "p1@acme.test") {
    const res = await app.inject({ url: `/api/webhooks/${hookId}/deliveries`, headers: as(email) });
    assert.equal(res.statusCode, 200, res.body);
    return res.json().items as {
      id: string;
      status: string;
      attempts: number;
      responseCode: number | null;
      lastError: string | null;
    }[];
  }
  async function deleteHook(id: string) {
    const res = await app.inject({ method: "DELETE", url: `/api/webhooks/${id}`, headers: as("p1@acme.test") });
    assert.equal(res.statusCode, 204, res.body);
  }
  const noticeRows = (kind: string) =>
    ctx.db.selectFrom("notifications").select(["user_id", "event_id"]).where("kind", "=", kind).execute();

  test("notify writes one in-app notice per active recipient: named users and org members, deduplicated", async () => {
    await notify(
      notice({
        kind: "case.participant_added",
        recipients: { userIds: [users["dana@indie.test"]!, users["p1@acme.test"]!], orgIds: [orgs.acme!] },
      }),
    );
    const rows = await noticeRows("case.participant_added");
    const expected = ["dana@indie.test", "p1@acme.test", "p2@acme.test"].map((e) => users[e]!).sort();
    assert.deepEqual(rows.map((r) => r.user_id).sort(), expected, "not the disabled user, not Beta, no duplicates");
    assert.equal(new Set(rows.map((r) => r.event_id)).size, 1);
  });

  test("a webhook gets a signed JSON body that verifies with the secret shown once", async () => {
    const hook = await createHook("p1@acme.test", { url: `${receiver.url}/ok`, events: ["case.*"] });
    assert.match(hook.secret, /^whsec_/);
    const other = await createHook("p1@acme.test", { url: `${receiver.url}/ok`, events: ["report.*"] });
    const listed = await app.inject({ url: "/api/webhooks", headers: as("p1@acme.test") });
    assert.ok(listed.json().items.every((h: Record<string, unknown>) => !("secret" in h) && !("secretEnvelope" in h)));
    const before = receiver.received.length;
    await notify(notice());
    await waitFor("the webhook call", async () => (await deliveries(hook.id))[0]?.status === "delivered");
    const calls = receiver.received.slice(before);
    assert.equal(calls.length, 1, "only the webhook whose filter matches");
    const call = calls[0]!;
    assert.equal(
      verifyWebhookSignature(
        hook.secret,
        {
          timestamp: call.headers["x-aicc-timestamp"] as string,
          signature: call.headers["x-aicc-signature"] as string,
        },
        call.body,
      ),
      null,
    );
    assert.notEqual(
      verifyWebhookSignature(
        other.secret,
        {
          timestamp: call.headers["x-aicc-timestamp"] as string,
          signature: call.headers["x-aicc-signature"] as string,
        },
        call.body,
      ),
      null,
      "another webhook's secret does not verify it",
    );
    assert.equal(
      verifyWebhookSignature(
        hook.secret,
        {
          timestamp: call.headers["x-aicc-timestamp"] as string,
          signature: call.headers["x-aicc-signature"] as string,
        },
        call.body,
        { nowSeconds: Number(call.headers["x-aicc-timestamp"]) + 301 },
      ),
      "timestamp outside the replay window",
    );
    assert.equal(call.headers["x-aicc-event"], "case.published");
    assert.equal(call.headers["content-type"], "application/json");
    const body = JSON.parse(call.body);
    assert.deepEqual(Object.keys(body).sort(), ["createdAt", "data", "id", "kind", "link", "title"]);
    assert.equal(body.link, `${PUBLIC_URL}/clearinghouse/cases/case_1`);
    assert.deepEqual(body.data, { caseId: "case_1" });
    const [delivery] = await deliveries(hook.id);
    assert.equal(call.headers["x-aicc-delivery"], delivery!.id);
    assert.deepEqual(
      { attempts: delivery!.attempts, responseCode: delivery!.responseCode, lastError: delivery!.lastError },
      { attempts: 1, responseCode: 200, lastError: null },
    );
    await deleteHook(hook.id);
    await deleteHook(other.id);
  });

  test("a 500 is retried with the same delivery id, then succeeds", async () => {
    const hook = await createHook("p1@acme.test", { url: `${receiver.url}/flaky` });
    await notify(notice({ kind: "case.embargo_changed" }));
    await waitFor("the retried delivery", async () => (await deliveries(hook.id))[0]?.status === "delivered");
    const [delivery] = await deliveries(hook.id);
    assert.equal(delivery!.attempts, 2);
    assert.equal(delivery!.responseCode, 204);
    const calls = receiver.received.filter((r) => r.headers["x-aicc-delivery"] === delivery!.id);
    assert.equal(calls.length, 2);
    await deleteHook(hook.id);
  });

  test("a dead URL and a redirect end dead-lettered with the error recorded; redirects are not followed", async () => {
    const dead = await createHook("p1@acme.test", { url: `http://127.0.0.1:${await deadPort()}/hook` });
    const moved = await createHook("p1@acme.test", { url: `${receiver.url}/moved` });
    const okCalls = () => receiver.received.filter((r) => r.path === "/ok").length;
    const okBefore = okCalls();
    await notify(notice({ kind: "case.flags_changed" }));
    for (const id of [dead.id, moved.id])
      await waitFor("dead letters", async () => (await deliveries(id))[0]?.status === "dead");
    const [deadDelivery] = await deliveries(dead.id);
    assert.equal(deadDelivery!.attempts, 3);
    assert.equal(deadDelivery!.responseCode, null);
    assert.match(deadDelivery!.lastError ?? "", /ECONNREFUSED/);
    const [movedDelivery] = await deliveries(moved.id);
    assert.equal(movedDelivery!.responseCode, 302);
    assert.match(movedDelivery!.lastError ?? "", /HTTP 302/);
    assert.equal(okCalls(), okBefore, "the redirect target was never called");
    const jobs = await ctx.db
      .selectFrom("jobs")
      .select(["state", "last_error"])
      .where("idempotency_key", "in", [deadDelivery!.id, movedDelivery!.id])
      .execute();
    assert.deepEqual(
      jobs.map((j) => j.state),
      ["dead", "dead"],
    );
    await deleteHook(dead.id);
    await deleteHook(moved.id);
  });

  test("every recipient gets a plain-text e-mail with the title as subject", async () => {
    await notify(
      notice({
        kind: "case.message",
        title: "New message on case_7",
        recipients: { userIds: [users["p@beta.test"]!] },
      }),
    );
    const toBeta = () => smtp.mails.filter((m) => m.to.includes("p@beta.test"));
    await waitFor("the e-mail", async () => toBeta().length > 0);
    assert.equal(toBeta().length, 1);
    const mail = toBeta()[0]!;
    assert.deepEqual(mail.to, ["p@beta.test"]);
    assert.match(mail.raw, /^Subject: New message on case_7\r?$/m);
    assert.match(mail.raw, /^From: aicc@aicc\.example\r?$/m);
    assert.match(mail.raw, /^Content-Type: text\/plain/m);
    assert.doesNotMatch(mail.raw, /text\/html/);
    assert.match(mail.raw, /https:\/\/aicc\.example\/clearinghouse\/cases\/case_1/);
  });

  test("a rolled-back transaction notifies nobody", async () => {
    const hook = await createHook("p1@acme.test", { url: `${receiver.url}/ok` });
    const jobs = async () =>
      Number(
        (
          await ctx.db
            .selectFrom("jobs")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const jobsBefore = await jobs();
    await assert.rejects(
      ctx.db.transaction().execute(async (trx) => {
        await ctx.notifications.notify(trx, notice({ kind: "case.rolled_back", title: "rolled back" }));
        throw new Error("the use case failed after notifying");
      }),
      /failed after notifying/,
    );
    await sleep(300);
    assert.equal((await noticeRows("case.rolled_back")).length, 0);
    assert.equal(await jobs(), jobsBefore);
    assert.deepEqual(await deliveries(hook.id), []);
    assert.ok(!receiver.received.some((r) => r.headers["x-aicc-event"] === "case.rolled_back"));
    assert.ok(!smtp.mails.some((m) => /^Subject: rolled back/m.test(m.raw)));
    await deleteHook(hook.id);
  });

  test("users list and mark only their own notices", async () => {
    await notify(notice({ kind: "case.statement_posted", recipients: { userIds: [users["p1@acme.test"]!] } }));
    const mine = await app.inject({ url: "/api/notifications?unread=1", headers: as("p1@acme.test") });
    assert.equal(mine.statusCode, 200, mine.body);
    const own = mine.json().items.find((n: { kind: string }) => n.kind === "case.statement_posted");
    assert.ok(own);
    assert.equal(own.body, "The advisory is out.\n<script>alert(1)</script> stays text.");
    const others = await app.inject({ url: "/api/notifications", headers: as("p2@acme.test") });
    assert.ok(!others.json().items.some((n: { id: string }) => n.id === own.id));
    const foreign = await app.inject({
      method: "POST",
      url: `/api/notifications/${own.id}/read`,
      headers: as("p2@acme.test"),
    });
    assert.equal(foreign.statusCode, 404);
    const p2Unread = (await app.inject({ url: "/api/notifications", headers: as("p2@acme.test") })).json().unread;
    const readOne = await app.inject({
      method: "POST",
      url: `/api/notifications/${own.id}/read`,
      headers: as("p1@acme.test"),
    });
    assert.equal(readOne.statusCode, 200, readOne.body);
    assert.ok(readOne.json().readAt);
    const all = await app.inject({ method: "POST", url: "/api/notifications/read-all", headers: as("p1@acme.test") });
    assert.equal(all.statusCode, 200);
    const after = (await app.inject({ url: "/api/notifications?unread=1", headers: as("p1@acme.test") })).json();
    assert.deepEqual([after.items.length, after.unread], [0, 0]);
    const p2After = (await app.inject({ url: "/api/notifications", headers: as("p2@acme.test") })).json().unread;
    assert.equal(p2After, p2Unread, "read-all touched only the caller's notices");
    assert.ok(p2After > 0);
  });

  test("pages of notices follow the cursor", async () => {
    for (let i = 0; i < 3; i++)
      await notify(
        notice({ kind: "case.page", title: `page ${i}`, recipients: { userIds: [users["dana@indie.test"]!] } }),
      );
    const first = (await app.inject({ url: "/api/notifications?limit=2", headers: as("dana@indie.test") })).json();
    assert.equal(first.items.length, 2);
    assert.ok(first.nextCursor);
    const second = (
      await app.inject({ url: `/api/notifications?limit=2&cursor=${first.nextCursor}`, headers: as("dana@indie.test") })
    ).json();
    const titles = [...first.items, ...second.items].map((n: { title: string }) => n.title);
    assert.deepEqual(titles.slice(0, 3), ["page 2", "page 1", "page 0"]);
  });

  test("webhook management: own organisation's administrators and platform admins; http(s) URLs only", async () => {
    const bad = await app.inject({
      method: "POST",
      url: "/api/webhooks",
      headers: as("p1@acme.test"),
      payload: { url: "file:///etc/passwd" },
    });
    assert.equal(bad.statusCode, 400);
    assert.ok(
      bad.json().fields.some((f: { field: string }) => f.field === "body.url"),
      bad.body,
    );
    const creds = await app.inject({
      method: "POST",
      url: "/api/webhooks",
      headers: as("p1@acme.test"),
      payload: { url: "https://user:pw@example.org/hook" },
    });
    assert.equal(creds.statusCode, 400);
    const hook = await createHook("p1@acme.test", { url: "https://example.org/hook" });
    // Beta's PSIRT neither sees nor touches Acme's webhook.
    const foreignList = await app.inject({ url: `/api/webhooks?orgId=${orgs.acme}`, headers: as("p@beta.test") });
    assert.equal(foreignList.statusCode, 403);
    for (const req of [
      { method: "DELETE" as const, url: `/api/webhooks/${hook.id}` },
      { method: "GET" as const, url: `/api/webhooks/${hook.id}/deliveries` },
    ]) {
      const res = await app.inject({ ...req, headers: as("p@beta.test") });
      assert.equal(res.statusCode, 404, `${req.method} ${req.url}: ${res.body}`);
    }
    const forBeta = await app.inject({
      method: "POST",
      url: "/api/webhooks",
      headers: as("p1@acme.test"),
      payload: { url: "https://example.org/x", orgId: orgs.beta },
    });
    assert.equal(forBeta.statusCode, 403);
    // A token without the admin scope cannot manage webhooks.
    assert.equal((await app.inject({ url: "/api/webhooks", headers: as("p2@acme.test") })).statusCode, 403);
    // The platform admin manages any organisation's.
    const adminList = await app.inject({ url: `/api/webhooks?orgId=${orgs.acme}`, headers: as("admin@gov.test") });
    assert.equal(adminList.statusCode, 200);
    assert.ok(adminList.json().items.some((h: { id: string }) => h.id === hook.id));
    const removed = await app.inject({
      method: "DELETE",
      url: `/api/webhooks/${hook.id}`,
      headers: as("admin@gov.test"),
    });
    assert.equal(removed.statusCode, 204);
    const afterDelete = await app.inject({ url: "/api/webhooks", headers: as("p1@acme.test") });
    assert.ok(!afterDelete.json().items.some((h: { id: string }) => h.id === hook.id));
    const envelope = await ctx.db
      .selectFrom("webhooks")
      .select("secret_envelope")
      .where("id", "=", hook.id)
      .executeTakeFirstOrThrow();
    assert.doesNotMatch(JSON.stringify(envelope.secret_envelope), /whsec_/, "the secret is sealed at rest");
  });
});
