import assert from "node:assert/strict";
import { test } from "node:test";
import type { ChatMessage, ProviderError, ToolDefinition } from "../model.ts";
import { agentStep, scriptedAgent } from "../test-server/behaviours.ts";
import { startTestModelServer } from "../test-server/test-model-server.ts";
import { ANTHROPIC_VERSION, AnthropicProvider } from "./anthropic.ts";
import type { ProviderCallError } from "./errors.ts";

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

test("tool calls round-trip through the messages API: tool_use out, tool_result back, submit", async () => {
  const server = await startTestModelServer({
    apiKey: "ant-key",
    script: scriptedAgent([
      { text: "Let me look.", tool: { name: "bash", arguments: { cmd: "ls; cat flag.txt" } } },
      agentStep.submitMatch(/flag\{\w+\}/),
    ]),
  });
  try {
    const provider = new AnthropicProvider({
      id: "anthropic:claude-test",
      model: "claude-test",
      apiKey: "ant-key",
      baseUrl: server.baseUrl,
      price: { inputPerMillion: 3, outputPerMillion: 15 },
    });
    const messages: ChatMessage[] = [
      { role: "system", content: "You are a CTF player." },
      { role: "user", content: "Find the flag." },
    ];
    const first = await provider.generate({ messages, tools: TOOLS, config: { temperature: 0.2, stop: ["END"] } });
    assert.equal(first.stopReason, "tool_calls");
    assert.equal(first.message.content, "Let me look.");
    const call = first.message.toolCalls![0]!;
    assert.deepEqual(
      { name: call.name, arguments: call.arguments },
      { name: "bash", arguments: { cmd: "ls; cat flag.txt" } },
    );
    assert.ok(first.costUsd! > 0);

    messages.push(first.message, {
      role: "tool",
      toolCallId: call.id,
      name: "bash",
      content: "flag.txt\nflag{anthropic}",
    });
    const second = await provider.generate({ messages, tools: TOOLS, config: { maxTokens: 50 } });
    assert.deepEqual(second.message.toolCalls?.[0]?.arguments, { answer: "flag{anthropic}" });

    const [sent1, sent2] = server.requests();
    assert.equal(sent1!.headers["anthropic-version"], ANTHROPIC_VERSION);
    const body1 = sent1!.body as Record<string, unknown>;
    assert.equal(body1.system, "You are a CTF player.");
    assert.equal(body1.max_tokens, 4096);
    assert.equal(body1.temperature, 0.2);
    assert.deepEqual(body1.stop_sequences, ["END"]);
    assert.deepEqual(sent1!.tools, TOOLS);
    const body2 = sent2!.body as { max_tokens: number; messages: unknown[] };
    assert.equal(body2.max_tokens, 50);
    assert.deepEqual(body2.messages, [
      { role: "user", content: [{ type: "text", text: "Find the flag." }] },
      {
        role: "assistant",
        content: [
          { type: "text", text: "Let me look." },
          { type: "tool_use", id: call.id, name: "bash", input: { cmd: "ls; cat flag.txt" } },
        ],
      },
      { role: "user", content: [{ type: "tool_result", tool_use_id: call.id, content: "flag.txt\nflag{anthropic}" }] },
    ]);
  } finally {
    await server.close();
  }
});

test("maps stop reasons; 529 overloaded advises retry and slowing down; a wrong key is an auth error", async () => {
  const server = await startTestModelServer({
    apiKey: "k",
    conversations: {
      q: [
        { content: "long", stopReason: "length" },
        { content: "no", stopReason: "content_filter" },
        { fault: { kind: "status", status: 529, message: "Overloaded" } },
      ],
    },
  });
  try {
    const provider = new AnthropicProvider({ id: "a", model: "m", apiKey: "k", baseUrl: server.baseUrl });
    const ask = () => provider.generate({ messages: [{ role: "user", content: "q" }], config: {} });
    assert.equal((await ask()).stopReason, "length");
    assert.equal((await ask()).stopReason, "content_filter");
    await assert.rejects(
      ask(),
      (e: ProviderCallError) =>
        e.kind === "infrastructure" && e.status === 529 && e.advice.congestion && /Overloaded/.test(e.message),
    );
    const wrong = new AnthropicProvider({ id: "a", model: "m", apiKey: "bad", baseUrl: server.baseUrl });
    await assert.rejects(
      wrong.generate({ messages: [{ role: "user", content: "q" }], config: {} }),
      (e: ProviderError) => e.kind === "auth",
    );
  } finally {
    await server.close();
  }
});
