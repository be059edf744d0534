import assert from "node:assert/strict";
import { test } from "node:test";
import { type ChatMessage, ProviderError, type ToolDefinition } from "../model.ts";
import { agentStep, scriptedAgent } from "../test-server/behaviours.ts";
import { faults } from "../test-server/scripted-reply.ts";
import { startTestModelServer } from "../test-server/test-model-server.ts";
import { ProviderCallError } from "./errors.ts";
import { OpenAICompatibleProvider, parseToolArguments } from "./openai-compatible.ts";

const TOOLS: ToolDefinition[] = [
  {
    name: "bash",
    description: "Run a shell command",
    parameters: { type: "object", properties: { cmd: { type: "string" } } },
  },
  {
    name: "submit",
    description: "Submit the answer",
    parameters: { type: "object", properties: { answer: { type: "string" } } },
  },
];

test("tool calls round-trip: bash, the tool's output back, then submit with the flag it found", async () => {
  const server = await startTestModelServer({
    script: scriptedAgent([agentStep.bash("cat flag.txt"), agentStep.submitMatch(/flag\{\w+\}/)]),
  });
  try {
    const provider = new OpenAICompatibleProvider({
      id: "openai-compatible:test",
      model: "test",
      baseUrl: server.baseUrl,
      price: { inputPerMillion: 1_000_000, outputPerMillion: 2_000_000 },
    });
    const messages: ChatMessage[] = [
      { role: "system", content: "You are a CTF player." },
      { role: "user", content: "Find the flag." },
    ];
    const first = await provider.generate({
      messages,
      tools: TOOLS,
      config: { temperature: 0, maxTokens: 64, seed: 1, stop: ["END"] },
    });
    assert.equal(first.stopReason, "tool_calls");
    assert.equal(first.message.content, "");
    assert.equal(first.message.toolCalls?.length, 1);
    const call = first.message.toolCalls![0]!;
    assert.equal(call.name, "bash");
    assert.deepEqual(call.arguments, { cmd: "cat flag.txt" });
    assert.ok(first.usage.inputTokens > 0 && first.usage.outputTokens > 0);
    assert.equal(first.costUsd, first.usage.inputTokens + 2 * first.usage.outputTokens);
    assert.ok(first.latencyMs >= 0);

    messages.push(first.message, { role: "tool", toolCallId: call.id, name: "bash", content: "flag{round_trip}\n" });
    const second = await provider.generate({ messages, tools: TOOLS, config: {} });
    assert.deepEqual(second.message.toolCalls?.[0]?.arguments, { answer: "flag{round_trip}" });
    assert.equal(second.message.toolCalls?.[0]?.name, "submit");

    // What went over the wire: OpenAI's shapes, config fields, tools as functions.
    const [sent1, sent2] = server.requests();
    const body1 = sent1!.body as Record<string, unknown>;
    assert.equal(body1.temperature, 0);
    assert.equal(body1.max_tokens, 64);
    assert.equal(body1.seed, 1);
    assert.deepEqual(body1.stop, ["END"]);
    assert.deepEqual(sent1!.tools, TOOLS);
    const wire = (sent2!.body as { messages: Record<string, unknown>[] }).messages;
    assert.deepEqual(wire[2], {
      role: "assistant",
      content: null,
      tool_calls: [{ id: call.id, type: "function", function: { name: "bash", arguments: '{"cmd":"cat flag.txt"}' } }],
    });
    assert.deepEqual(wire[3], { role: "tool", tool_call_id: call.id, content: "flag{round_trip}\n" });
  } finally {
    await server.close();
  }
});

test("maps stop reasons and usage, and sends the key as a bearer token", async () => {
  const server = await startTestModelServer({
    apiKey: "sk-test",
    conversations: {
      a: [
        { content: "cut", stopReason: "length", usage: { inputTokens: 11, outputTokens: 7 } },
        { content: "", stopReason: "content_filter" },
        { content: "odd", stopReason: "unknown" },
      ],
    },
  });
  try {
    const provider = new OpenAICompatibleProvider({
      id: "x",
      model: "m",
      baseUrl: `${server.baseUrl}/`,
      apiKey: "sk-test",
    });
    const ask = () => provider.generate({ messages: [{ role: "user", content: "a" }], config: {} });
    const length = await ask();
    assert.equal(length.stopReason, "length");
    assert.deepEqual(length.usage, { inputTokens: 11, outputTokens: 7 });
    assert.equal(length.costUsd, undefined);
    assert.equal((await ask()).stopReason, "content_filter");
    assert.equal((await ask()).stopReason, "unknown");
  } finally {
    await server.close();
  }
});

test("HTTP errors become ProviderErrors with kind, status and retry advice", async () => {
  const server = await startTestModelServer({ apiKey: "right", script: () => "ok" });
  try {
    const wrongKey = new OpenAICompatibleProvider({ id: "x", model: "m", baseUrl: server.baseUrl, apiKey: "wrong" });
    const request = { messages: [{ role: "user" as const, content: "hi" }], config: {} };
    await assert.rejects(wrongKey.generate(request), (e: ProviderError) => e.kind === "auth" && e.status === 401);

    const provider = new OpenAICompatibleProvider({ id: "x", model: "m", baseUrl: server.baseUrl, apiKey: "right" });
    server.injectNext(faults.rateLimited(3));
    await assert.rejects(
      provider.generate(request),
      (e: ProviderCallError) =>
        e instanceof ProviderCallError &&
        e.kind === "rate_limited" &&
        e.advice.retryable &&
        e.advice.congestion &&
        e.advice.retryAfterMs === 3000,
    );
    server.injectNext({ fault: { kind: "status", status: 400, message: "content_policy_violation: blocked" } });
    await assert.rejects(provider.generate(request), (e: ProviderError) => e.kind === "content_filter");
    server.injectNext({ fault: { kind: "status", status: 404, message: "no such model" } });
    await assert.rejects(
      provider.generate(request),
      (e: ProviderCallError) => e.kind === "bad_request" && !e.advice.retryable,
    );
    server.injectNext(faults.reset());
    await assert.rejects(
      provider.generate(request),
      (e: ProviderCallError) => e.kind === "infrastructure" && e.advice.retryable && /network error/.test(e.message),
    );
  } finally {
    await server.close();
  }
});

test("a caller's abort passes through untouched", async () => {
  const server = await startTestModelServer({ script: () => faults.hang() });
  try {
    const provider = new OpenAICompatibleProvider({ id: "x", model: "m", baseUrl: server.baseUrl });
    const controller = new AbortController();
    const pending = provider.generate({
      messages: [{ role: "user", content: "hi" }],
      config: {},
      signal: controller.signal,
    });
    const reason = new Error("stop now");
    setTimeout(() => controller.abort(reason), 50);
    await assert.rejects(pending, (e) => e === reason);
  } finally {
    await server.close();
  }
});

test("malformed tool-call arguments are kept for the agent to report", () => {
  assert.deepEqual(parseToolArguments('{"cmd":"ls"}'), { cmd: "ls" });
  assert.deepEqual(parseToolArguments(""), {});
  assert.deepEqual(parseToolArguments('{"cmd": "ls'), { _invalidJson: '{"cmd": "ls' });
  assert.deepEqual(parseToolArguments("[1]"), { _invalidJson: "[1]" });
  assert.ok(new ProviderCallError("m", "auth", 401, { retryable: false, congestion: false }) instanceof ProviderError);
});
