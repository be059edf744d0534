import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import type {
  ChatMessage,
  GenerateRequest,
  ModelOutput,
  ModelProvider,
  Sample,
  SampleEvent,
  SampleLimits,
  SolverContext,
  ToolBox,
  ToolCall,
} from "../model.ts";
import { OpenAICompatibleProvider } from "../providers/openai-compatible.ts";
import { createSandboxToolBox } from "../sandbox/tools.ts";
import { agentStep, scriptedAgent, startTestModelServer } from "../test-server/index.ts";
import { reactAgent } from "./react-agent.ts";

const FLAG = "picoCTF{r3act_t0_th3_fl4g}";
const fixtures = mkdtempSync(join(tmpdir(), "aicc-agent-test-"));
writeFileSync(join(fixtures, "flag.txt"), `${FLAG}\n`);
after(() => rmSync(fixtures, { recursive: true, force: true }));
const ctfSample: Sample = {
  id: "ctf-1",
  input: "Find the flag in this directory and submit it.",
  target: FLAG,
  metadata: {},
  files: { "flag.txt": join(fixtures, "flag.txt") },
};

type Turn = {
  content?: string;
  toolCalls?: Omit<ToolCall, "id">[];
  latencyMs?: number;
  tokens?: number;
  sleepMs?: number;
};

/** A scripted model: `turn(messages, n)` decides the n-th reply from the conversation so far. */
class ScriptedModel implements ModelProvider {
  readonly id = "fake:agent";
  readonly requests: GenerateRequest[] = [];
  constructor(private readonly turn: (messages: ChatMessage[], n: number) => Turn) {}
  async generate(request: GenerateRequest): Promise<ModelOutput> {
    const n = this.requests.push(request) - 1;
    const turn = this.turn(request.messages, n);
    if (turn.sleepMs) await sleep(turn.sleepMs);
    const toolCalls = turn.toolCalls?.map((call, i) => ({ ...call, id: `call_${n}_${i}` }));
    return {
      message: { role: "assistant", content: turn.content ?? "", ...(toolCalls ? { toolCalls } : {}) },
      stopReason: toolCalls ? "tool_calls" : "stop",
      usage: { inputTokens: turn.tokens ?? 10, outputTokens: 5 },
      latencyMs: turn.latencyMs ?? 1,
      waitMs: turn.sleepMs,
    };
  }
}

/** A ToolBox without a sandbox, for the loop's own logic: bash echoes, `wait` blocks until aborted. */
function fakeTools(): ToolBox {
  return {
    definitions: ["bash", "wait", "submit"].map((name) => ({
      name,
      description: name,
      parameters: { type: "object" },
    })),
    async call(call, signal) {
      if (call.name === "submit") return { output: "ok", truncated: false, submitted: String(call.arguments.answer) };
      if (call.name === "wait") {
        await new Promise((resolve) => signal.addEventListener("abort", resolve, { once: true }));
        return { output: "[killed: the call was cancelled]", truncated: false };
      }
      return { output: `ran ${String(call.arguments.cmd)}`, exitCode: 0, truncated: false };
    },
    close: async () => {},
  };
}

function context(model: ModelProvider, tools: ToolBox, limits: SampleLimits = {}, sample: Sample = ctfSample) {
  const events: SampleEvent[] = [];
  const ctx: SolverContext = {
    sample,
    model,
    config: {},
    limits,
    tools,
    emit: (event) => events.push(event),
    signal: new AbortController().signal,
  };
  return { ctx, events };
}

const lastTool = (messages: ChatMessage[]) => messages.findLast((m) => m.role === "tool")?.content ?? "";
const bash = (cmd: string): Turn => ({ toolCalls: [{ name: "bash", arguments: { cmd } }] });

describe("reactAgent capturing a flag in the sandbox", () => {
  it("cats flag.txt with bash and submits it (scripted in-process model)", async () => {
    const model = new ScriptedModel((messages, n) =>
      n === 0
        ? { content: "Let me look at the file.", ...bash("cat flag.txt") }
        : { toolCalls: [{ name: "submit", arguments: { answer: lastTool(messages).trim() } }] },
    );
    const tools = await createSandboxToolBox(ctfSample);
    try {
      const { ctx, events } = context(model, tools);
      const result = await reactAgent()(ctx);
      assert.equal(result.answer, FLAG);
      assert.equal(result.limit, undefined);
      assert.deepEqual(
        events.map((e) => e.type),
        ["model", "tool", "model", "tool"],
      );
      const firstTool = events[1] as Extract<SampleEvent, { type: "tool" }>;
      assert.equal(firstTool.output, `${FLAG}\n`);
      assert.equal(firstTool.exitCode, 0);
      assert.deepEqual(result.usage, { inputTokens: 20, outputTokens: 10 });
      assert.deepEqual(
        result.messages.map((m) => m.role),
        ["system", "user", "assistant", "tool", "assistant", "tool"],
      );
      assert.deepEqual(
        model.requests[0]!.tools!.map((t) => t.name),
        ["bash", "python", "submit"],
      );
    } finally {
      await tools.close();
    }
  });

  it("does the same through the OpenAI-compatible provider against the test server's scripted agent", async () => {
    const server = await startTestModelServer({
      script: scriptedAgent([agentStep.bash("cat flag.txt"), agentStep.submitMatch(/picoCTF\{[^}]*\}/)]),
    });
    const tools = await createSandboxToolBox(ctfSample);
    try {
      const model = new OpenAICompatibleProvider({
        id: "openai-compatible:test",
        model: "test",
        baseUrl: server.baseUrl,
      });
      const { ctx, events } = context(model, tools);
      const result = await reactAgent()(ctx);
      assert.equal(result.answer, FLAG);
      assert.deepEqual(
        events.map((e) => e.type),
        ["model", "tool", "model", "tool"],
      );
      assert.equal(server.requests().length, 2);
      // The second request carried the tool result back to the model.
      assert.equal(lastTool(server.requests()[1]!.messages), `${FLAG}\n`);
    } finally {
      await tools.close();
      await server.close();
    }
  });
});

describe("reactAgent loop and limits", () => {
  it("ends on a reply without tool calls, answering with its text", async () => {
    const model = new ScriptedModel((_, n) => (n === 0 ? bash("ls") : { content: "The flag is picoCTF{x}" }));
    const { ctx } = context(model, fakeTools());
    const result = await reactAgent()(ctx);
    assert.equal(result.answer, "The flag is picoCTF{x}");
    assert.equal(result.limit, undefined);
  });

  it("stops at the turn limit", async () => {
    const model = new ScriptedModel(() => ({ content: "again", ...bash("true") }));
    const { ctx, events } = context(model, fakeTools(), { maxTurns: 10 });
    const result = await reactAgent({ maxTurns: 3 })(ctx);
    assert.equal(result.limit, "turns");
    assert.equal(model.requests.length, 3);
    assert.equal(result.answer, "again");
    const limitEvent = events.at(-1);
    assert.equal(limitEvent?.type, "error");
    assert.equal((limitEvent as { kind: string }).kind, "limit");
  });

  it("takes the turn limit from the sample limits", async () => {
    const model = new ScriptedModel(() => bash("true"));
    const { ctx } = context(model, fakeTools(), { maxTurns: 2 });
    assert.equal((await reactAgent()(ctx)).limit, "turns");
    assert.equal(model.requests.length, 2);
  });

  it("stops at the token limit", async () => {
    const model = new ScriptedModel(() => ({ tokens: 595, ...bash("true") }));
    const { ctx } = context(model, fakeTools(), { maxTokens: 1000 });
    const result = await reactAgent()(ctx);
    assert.equal(result.limit, "tokens");
    assert.equal(model.requests.length, 2);
    assert.deepEqual(result.usage, { inputTokens: 1190, outputTokens: 10 });
  });

  it("stops at the time limit, counting model latency", async () => {
    const model = new ScriptedModel(() => ({ latencyMs: 400, ...bash("true") }));
    const { ctx } = context(model, fakeTools(), { wallTimeSeconds: 1 });
    const result = await reactAgent()(ctx);
    assert.equal(result.limit, "time");
    assert.equal(model.requests.length, 3);
  });

  it("does not count time spent waiting on rate limits", async () => {
    // Each call takes 60 ms of real time but reports 1 ms of latency: the rest was queueing.
    const model = new ScriptedModel((_, n) =>
      n < 3
        ? { sleepMs: 60, latencyMs: 1, ...bash("true") }
        : { toolCalls: [{ name: "submit", arguments: { answer: "done" } }] },
    );
    const { ctx } = context(model, fakeTools(), { wallTimeSeconds: 0.1 });
    const result = await reactAgent()(ctx);
    assert.equal(result.limit, undefined);
    assert.equal(result.answer, "done");
  });

  it("cuts a tool call off when the time runs out", async () => {
    const model = new ScriptedModel(() => ({ toolCalls: [{ name: "wait", arguments: {} }] }));
    const { ctx, events } = context(model, fakeTools(), { wallTimeSeconds: 0.3 });
    const started = performance.now();
    const result = await reactAgent()(ctx);
    assert.equal(result.limit, "time");
    assert.ok(performance.now() - started < 5000);
    const tool = events.find((e) => e.type === "tool") as Extract<SampleEvent, { type: "tool" }>;
    assert.ok(tool.durationMs >= 250, `tool ran ${tool.durationMs} ms`);
  });

  it("offers only the tools named in its options", async () => {
    const model = new ScriptedModel(() => ({ content: "done" }));
    const { ctx } = context(model, fakeTools());
    await reactAgent({ tools: ["bash", "submit"] })(ctx);
    assert.deepEqual(
      model.requests[0]!.tools!.map((t) => t.name),
      ["bash", "submit"],
    );
    await assert.rejects(reactAgent({ tools: ["curl"] })(ctx), /no tool named curl/);
  });

  it("needs a ToolBox", async () => {
    const { ctx } = context(new ScriptedModel(() => ({})), fakeTools());
    await assert.rejects(reactAgent()({ ...ctx, tools: undefined }), /sandbox/);
  });
});
