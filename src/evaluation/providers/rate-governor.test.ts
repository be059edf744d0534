import assert from "node:assert/strict";
import { test } from "node:test";
import { ProviderError } from "../model.ts";
import { faults } from "../test-server/scripted-reply.ts";
import { startTestModelServer, type TestModelServerOptions } from "../test-server/test-model-server.ts";
import { GovernedProvider } from "./governed-provider.ts";
import { OpenAICompatibleProvider } from "./openai-compatible.ts";
import { type GovernorEvent, RateGovernor, type RateGovernorOptions } from "./rate-governor.ts";

async function setUp(server: TestModelServerOptions, governor: RateGovernorOptions = {}) {
  const events: GovernorEvent[] = [];
  const srv = await startTestModelServer({ script: () => "ok", ...server });
  const gov = new RateGovernor({ backoffBaseMs: 10, random: () => 1, onEvent: (e) => events.push(e), ...governor });
  const provider = new GovernedProvider(
    new OpenAICompatibleProvider({ id: "t", model: "m", baseUrl: srv.baseUrl }),
    gov,
  );
  let n = 0;
  const ask = (signal?: AbortSignal) =>
    provider.generate({ messages: [{ role: "user", content: `q${n++}` }], config: {}, signal });
  return { server: srv, governor: gov, events, ask };
}

const limits = (events: GovernorEvent[]) => events.flatMap((e) => (e.type === "concurrency" ? [e.limit] : []));

test("429 with Retry-After pauses the endpoint for that long, halves the concurrency, which then grows back", async () => {
  const { server, governor, events, ask } = await setUp(
    { latencyMs: 20 },
    { initialConcurrency: 4, maxConcurrency: 6 },
  );
  try {
    server.injectNext(faults.rateLimited(1));
    const first = ask();
    while (!events.some((e) => e.type === "retry")) await new Promise((r) => setTimeout(r, 5));
    const second = ask(); // asked during the pause: must wait out the rest of it too
    const [a, b] = await Promise.all([first, second]);
    assert.ok(a.waitMs! >= 990, `waited ${a.waitMs} ms`);
    assert.ok(a.latencyMs < a.waitMs!, "the latency excludes the wait");
    assert.ok(b.waitMs! >= 500, `second call waited ${b.waitMs} ms`);
    assert.deepEqual(events[0], { type: "concurrency", limit: 2, reason: "decrease" });
    assert.equal(events[1]?.type === "retry" && events[1].delayMs, 1000);

    await Promise.all(Array.from({ length: 20 }, () => ask()));
    // Additive increase: one more slot after as many successes as there are slots, up to the maximum.
    assert.deepEqual(limits(events), [2, 3, 4, 5, 6]);
    assert.equal(governor.concurrency, 6);
    assert.equal(server.requests().length, 23);
    const stats = governor.stats();
    assert.equal(stats.succeeded, 22);
    assert.equal(stats.retries, 1);
    assert.ok(stats.waitMs >= 990 + 500);
  } finally {
    await server.close();
  }
});

test("a burst of 429s from calls started together halves the concurrency once", async () => {
  // Every call's first attempt is refused (whatever order the requests arrive in), its retry answered.
  const script: TestModelServerOptions["script"] = (r) => (r.indexInConversation === 0 ? faults.rateLimited() : "ok");
  const { server, governor, events, ask } = await setUp(
    { latencyMs: 20, script },
    { initialConcurrency: 8, maxConcurrency: 8 },
  );
  try {
    const outputs = await Promise.all(Array.from({ length: 8 }, () => ask()));
    assert.equal(outputs.length, 8);
    assert.deepEqual(limits(events).slice(0, 1), [4]);
    assert.equal(events.filter((e) => e.type === "concurrency" && e.reason === "decrease").length, 1);
    assert.ok(governor.concurrency >= 4);
  } finally {
    await server.close();
  }
});

test("the concurrency limit holds at the server", async () => {
  const { server, ask } = await setUp({ latencyMs: 40 }, { initialConcurrency: 3, maxConcurrency: 3 });
  try {
    await Promise.all(Array.from({ length: 12 }, () => ask()));
    assert.equal(server.peakInFlight(), 3);
  } finally {
    await server.close();
  }
});

test("5xx is retried with capped exponential backoff, then ends as an infrastructure error", async () => {
  const { server, events, ask } = await setUp(
    { script: () => faults.serverError() },
    { maxAttempts: 4, backoffBaseMs: 20, backoffMaxMs: 50 },
  );
  try {
    await assert.rejects(ask(), (e: ProviderError) => {
      assert.ok(e instanceof ProviderError);
      assert.equal(e.kind, "infrastructure");
      assert.equal(e.status, 500);
      assert.match(e.message, /gave up after 4 attempts/);
      return true;
    });
    assert.equal(server.requests().length, 4);
    assert.deepEqual(
      events.map((e) => e.type === "retry" && e.delayMs),
      [20, 40, 50],
    );
  } finally {
    await server.close();
  }
});

test("jitter spreads the backoff between half and all of the capped delay", async () => {
  const { server, events, ask } = await setUp(
    { script: () => faults.serverError() },
    { maxAttempts: 3, backoffBaseMs: 40, random: () => 0 },
  );
  try {
    await assert.rejects(ask());
    assert.deepEqual(
      events.map((e) => e.type === "retry" && e.delayMs),
      [20, 40],
    );
  } finally {
    await server.close();
  }
});

test("503s and connection resets are retried until an answer comes", async () => {
  const { server, ask } = await setUp({});
  try {
    server.injectNext(faults.unavailable(), 2);
    server.injectNext(faults.reset());
    const output = await ask();
    assert.equal(output.message.content, "ok");
    assert.equal(server.requests().length, 4);
    assert.ok(output.waitMs! > 0);
  } finally {
    await server.close();
  }
});

test("a 429 that persists ends as rate_limited", async () => {
  const { server, ask } = await setUp({ script: () => faults.rateLimited() }, { maxAttempts: 2 });
  try {
    await assert.rejects(ask(), (e: ProviderError) => e.kind === "rate_limited" && e.status === 429);
    assert.equal(server.requests().length, 2);
  } finally {
    await server.close();
  }
});

test("an attempt that outlives the timeout is abandoned and retried; always too slow is an infrastructure error", async () => {
  const { server, ask } = await setUp({}, { timeoutMs: 150, maxAttempts: 2 });
  try {
    server.injectNext(faults.slow(5_000));
    const output = await ask();
    assert.equal(output.message.content, "ok");
    assert.ok(output.waitMs! >= 150);

    server.injectNext(faults.hang(), 2);
    const started = performance.now();
    await assert.rejects(
      ask(),
      (e: ProviderError) => e.kind === "infrastructure" && /^t: timed out after 150 ms/.test(e.message),
    );
    assert.ok(performance.now() - started >= 300);
    assert.equal(server.requests().length, 4);
  } finally {
    await server.close();
  }
});

test("client errors are not retried, and a caller's abort ends the wait at once", async () => {
  const { server, ask } = await setUp({}, { backoffBaseMs: 10_000 });
  try {
    server.injectNext({ fault: { kind: "status", status: 400, message: "bad" } });
    await assert.rejects(ask(), (e: ProviderError) => e.kind === "bad_request");
    assert.equal(server.requests().length, 1);

    server.injectNext(faults.serverError());
    const controller = new AbortController();
    const reason = new Error("sample cancelled");
    const pending = ask(controller.signal);
    setTimeout(() => controller.abort(reason), 100);
    const started = performance.now();
    await assert.rejects(pending, (e) => e === reason);
    assert.ok(performance.now() - started < 5_000, "did not sit out the 10 s backoff");
    assert.equal(server.requests().length, 2);
  } finally {
    await server.close();
  }
});
