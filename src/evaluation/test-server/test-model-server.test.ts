import assert from "node:assert/strict";
import { test } from "node:test";
import { agentStep, answerMultipleChoice, scriptedAgent } from "./behaviours.ts";
import { faults } from "./scripted-reply.ts";
import { startTestModelServer } from "./test-model-server.ts";

/** The parts of OpenAI and Anthropic response bodies these tests read. */
interface WireReply {
  object: string;
  type: string;
  stop_reason: string;
  content: unknown[];
  choices: [
    {
      message: { content: string | null; tool_calls: [{ id: string; function: { name: string; arguments: string } }] };
      finish_reason: string;
    },
  ];
  usage: { prompt_tokens: number };
  error: { message: string; type: string };
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, json: (await res.json()) as WireReply };
}

const chat = (content: string, extra: Record<string, unknown> = {}) => ({
  model: "m",
  messages: [{ role: "user", content }],
  ...extra,
});

test("lists its models and answers chat completions from the script, counting requests per conversation", async () => {
  const server = await startTestModelServer({
    models: ["a", "b"],
    script: (r) => `echo ${r.messages.at(-1)?.content}`,
  });
  try {
    const models = (await (await fetch(`${server.baseUrl}/models`)).json()) as { data: { id: string }[] };
    assert.deepEqual(
      models.data.map((m) => m.id),
      ["a", "b"],
    );
    const one = await post(
      `${server.baseUrl}/chat/completions`,
      chat("hello", { temperature: 0, max_tokens: 5, seed: 7 }),
    );
    assert.equal(one.status, 200);
    assert.equal(one.json.object, "chat.completion");
    assert.equal(one.json.choices[0].message.content, "echo hello");
    assert.equal(one.json.choices[0].finish_reason, "stop");
    assert.ok(one.json.usage.prompt_tokens > 0);
    await post(`${server.baseUrl}/chat/completions`, chat("hello"));
    await post(`${server.baseUrl}/chat/completions`, chat("other"));
    assert.equal(server.requests().length, 3);
    assert.equal(server.requests("hello").length, 2);
    assert.equal(server.requests("other").length, 1);
    assert.deepEqual(server.requests("hello")[0]?.config, {
      temperature: 0,
      maxTokens: 5,
      seed: 7,
      stop: undefined,
      topP: undefined,
    });
  } finally {
    await server.close();
  }
});

test("hands out queued replies per conversation before falling back to the script", async () => {
  const server = await startTestModelServer({ conversations: { q: ["first", { content: "second" }] } });
  try {
    const url = `${server.baseUrl}/chat/completions`;
    assert.equal((await post(url, chat("q"))).json.choices[0].message.content, "first");
    assert.equal((await post(url, chat("q"))).json.choices[0].message.content, "second");
    const exhausted = await post(url, chat("q"));
    assert.equal(exhausted.status, 400);
    assert.match(exhausted.json.error.message, /no scripted reply for conversation "q"/);
  } finally {
    await server.close();
  }
});

test("produces faults on demand: 429 with Retry-After, 503, 500, connection reset, hang", async () => {
  const server = await startTestModelServer({ script: () => "fine" });
  try {
    const url = `${server.baseUrl}/chat/completions`;
    server.injectNext(faults.rateLimited(2));
    const limited = await post(url, chat("x"));
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get("retry-after"), "2");
    assert.equal(limited.json.error.type, "rate_limit_exceeded");
    server.injectNext(faults.unavailable());
    assert.equal((await post(url, chat("x"))).status, 503);
    server.injectNext(faults.serverError());
    assert.equal((await post(url, chat("x"))).status, 500);
    server.injectNext(faults.reset());
    await assert.rejects(post(url, chat("x")), TypeError);
    server.injectNext(faults.hang());
    await assert.rejects(
      fetch(url, { method: "POST", body: JSON.stringify(chat("x")), signal: AbortSignal.timeout(100) }),
      /TimeoutError|aborted/,
    );
    assert.equal((await post(url, chat("x"))).json.choices[0].message.content, "fine");
    assert.equal(server.requests("x").length, 6);
  } finally {
    await server.close();
  }
});

test("waits the configured latency, per reply or per server, and tracks requests in flight", async () => {
  const server = await startTestModelServer({
    latencyMs: 400,
    script: (r) => (r.index === 0 ? { content: "fast", latencyMs: 0 } : "slow"),
  });
  try {
    const url = `${server.baseUrl}/chat/completions`;
    let started = performance.now();
    await post(url, chat("a"));
    // Loose bounds: the machine running the tests may be busy.
    assert.ok(performance.now() - started < 390);
    started = performance.now();
    await Promise.all([post(url, chat("b")), post(url, chat("c")), post(url, chat("d"))]);
    assert.ok(performance.now() - started >= 395);
    assert.equal(server.peakInFlight(), 3);
  } finally {
    await server.close();
  }
});

test("rejects requests of the wrong shape or without the required key", async () => {
  const server = await startTestModelServer({ apiKey: "k", script: () => "ok" });
  try {
    const url = `${server.baseUrl}/chat/completions`;
    assert.equal((await post(url, chat("x"))).status, 401);
    const bad = await post(url, { model: "m", messages: [{ role: "user" }] }, { authorization: "Bearer k" });
    assert.equal(bad.status, 400);
    assert.match(bad.json.error.message, /unexpected request shape/);
    assert.equal((await post(url, chat("x"), { authorization: "Bearer k" })).status, 200);
    assert.equal((await post(`${server.baseUrl}/messages`, { model: "m" }, { "x-api-key": "nope" })).status, 401);
  } finally {
    await server.close();
  }
});

test("answers multiple-choice questions with a fixed letter or the key's letter", async () => {
  const server = await startTestModelServer({
    script: answerMultipleChoice({ letter: "D", answerKey: { "port does SSH": "B" } }),
  });
  try {
    const url = `${server.baseUrl}/chat/completions`;
    const keyed = await post(url, chat("Which port does SSH use?\nA) 21\nB) 22\nC) 23\nD) 25"));
    assert.equal(keyed.json.choices[0].message.content, "ANSWER: B");
    const unknown = await post(url, chat("What is CVE?"));
    assert.equal(unknown.json.choices[0].message.content, "ANSWER: D");
  } finally {
    await server.close();
  }
});

test("a scripted agent calls bash, then submits the flag found in the tool output (OpenAI and Anthropic shapes)", async () => {
  const server = await startTestModelServer({
    script: scriptedAgent([agentStep.bash("cat flag.txt"), agentStep.submitMatch(/picoCTF\{[^}]*\}/)]),
  });
  try {
    const first = await post(`${server.baseUrl}/chat/completions`, chat("find the flag", { tools: [] }));
    const call = first.json.choices[0].message.tool_calls[0];
    assert.equal(first.json.choices[0].finish_reason, "tool_calls");
    assert.equal(first.json.choices[0].message.content, null);
    assert.deepEqual(call.function, { name: "bash", arguments: JSON.stringify({ cmd: "cat flag.txt" }) });
    const second = await post(`${server.baseUrl}/chat/completions`, {
      model: "m",
      messages: [
        { role: "user", content: "find the flag" },
        { role: "assistant", content: null, tool_calls: [call] },
        { role: "tool", tool_call_id: call.id, content: "here: picoCTF{abc_123}\n" },
      ],
    });
    const submit = second.json.choices[0].message.tool_calls[0];
    assert.deepEqual(JSON.parse(submit.function.arguments), { answer: "picoCTF{abc_123}" });
    assert.equal(server.requests()[1]?.messages[2]?.role, "tool");

    const anthropic = await post(`${server.baseUrl}/messages`, {
      model: "claude-test",
      max_tokens: 100,
      system: "be brief",
      messages: [
        { role: "user", content: "find the flag" },
        { role: "assistant", content: [{ type: "tool_use", id: "t1", name: "bash", input: { cmd: "cat flag.txt" } }] },
        { role: "user", content: [{ type: "tool_result", tool_use_id: "t1", content: "picoCTF{xyz}" }] },
      ],
    });
    assert.equal(anthropic.json.type, "message");
    assert.equal(anthropic.json.stop_reason, "tool_use");
    assert.deepEqual(anthropic.json.content[0], {
      type: "tool_use",
      id: "call_2_0",
      name: "submit",
      input: { answer: "picoCTF{xyz}" },
    });
    const seen = server.requests()[2]!;
    assert.equal(seen.api, "anthropic");
    assert.deepEqual(seen.messages[0], { role: "system", content: "be brief" });
    assert.deepEqual(seen.messages[3], { role: "tool", toolCallId: "t1", name: "bash", content: "picoCTF{xyz}" });
  } finally {
    await server.close();
  }
});

test("close() ends hung requests and frees the port", async () => {
  const server = await startTestModelServer({ script: () => faults.hang() });
  const pending = fetch(`${server.baseUrl}/chat/completions`, {
    method: "POST",
    body: JSON.stringify(chat("x")),
  }).catch((error: Error) => error);
  while (server.requests().length === 0) await new Promise((r) => setTimeout(r, 5));
  await server.close();
  assert.ok((await pending) instanceof Error);
});
