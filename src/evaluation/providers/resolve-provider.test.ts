import assert from "node:assert/strict";
import { rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { ProviderError } from "../model.ts";
import { startTestModelServer } from "../test-server/test-model-server.ts";
import { LLAMA_CPP_MISSING } from "./llama-cpp.ts";
import { costOf, DEFAULT_PRICES, priceFor } from "./pricing.ts";
import { GovernorRegistry } from "./rate-governor.ts";
import { parseModelSpec, resolveProvider } from "./resolve-provider.ts";

const hi = { messages: [{ role: "user" as const, content: "hi" }], config: {} };

function llamaCppInstalled(): boolean {
  try {
    createRequire(import.meta.url).resolve("node-llama-cpp");
    return true;
  } catch {
    return false;
  }
}

test("model specs name a provider and a model; anything else is refused with the accepted forms", () => {
  assert.deepEqual(parseModelSpec("openai-compatible:llama3:8b"), { kind: "openai-compatible", model: "llama3:8b" });
  assert.deepEqual(parseModelSpec("llama-cpp:/models/a.gguf"), { kind: "llama-cpp", model: "/models/a.gguf" });
  for (const bad of ["gpt-4o", "openai:", "vertex:gemini"]) {
    assert.throws(
      () => parseModelSpec(bad),
      (e: ProviderError) => e.kind === "bad_request" && /anthropic:MODEL/.test(e.message),
    );
  }
});

test("keys come from options or the environment; an openai-compatible endpoint never gets OPENAI_API_KEY", async () => {
  const server = await startTestModelServer({ apiKey: "shared-key", script: () => "ok" });
  try {
    const env = {
      OPENAI_API_KEY: "openai-secret",
      ANTHROPIC_API_KEY: "shared-key",
      AICC_MODEL_BASE_URL: server.baseUrl,
    };
    const governors = new GovernorRegistry();
    const anonymous = await resolveProvider("openai-compatible:m", { env, governors, governor: { maxAttempts: 1 } });
    await assert.rejects(anonymous.generate(hi), (e: ProviderError) => e.kind === "auth");
    assert.equal(server.requests()[0]?.headers.authorization, undefined);

    const keyed = await resolveProvider("openai-compatible:m", {
      env: { ...env, AICC_MODEL_API_KEY: "shared-key" },
      governors,
    });
    assert.equal((await keyed.generate(hi)).message.content, "ok");
    const passed = await resolveProvider("openai:gpt-4o", {
      apiKey: "shared-key",
      baseUrl: server.baseUrl,
      env: {},
      governors,
    });
    const output = await passed.generate(hi);
    assert.equal(passed.id, "openai:gpt-4o");
    assert.equal(output.costUsd, costOf(output.usage, DEFAULT_PRICES["gpt-4o"]!));
    // OpenAI itself gets max_completion_tokens.
    await passed.generate({ ...hi, config: { maxTokens: 9 } });
    assert.equal((server.requests().at(-1)!.body as Record<string, unknown>).max_completion_tokens, 9);

    const claude = await resolveProvider("anthropic:claude-sonnet-4-20250514", {
      baseUrl: server.baseUrl,
      env,
      governors,
    });
    assert.equal((await claude.generate(hi)).costUsd !== undefined, true);
    assert.equal(server.requests().at(-1)?.api, "anthropic");
  } finally {
    await server.close();
  }
});

test("missing credentials or base URL fail at resolve time with the variable to set", async () => {
  await assert.rejects(resolveProvider("openai:gpt-4o", { env: {} }), (e: ProviderError) => {
    return e.kind === "auth" && /OPENAI_API_KEY/.test(e.message);
  });
  await assert.rejects(resolveProvider("anthropic:claude-x", { env: {} }), /ANTHROPIC_API_KEY or AICC_MODEL_API_KEY/);
  await assert.rejects(resolveProvider("openai-compatible:m", { env: {} }), /AICC_MODEL_BASE_URL/);
});

test("providers at one endpoint with one key share a governor; another key gets its own", async () => {
  const governors = new GovernorRegistry();
  const env = { AICC_MODEL_BASE_URL: "http://127.0.0.1:9/v1" };
  const a = await resolveProvider("openai-compatible:a", { env, governors });
  const b = await resolveProvider("openai-compatible:b", { env, governors });
  const c = await resolveProvider("openai-compatible:a", { env, governors, apiKey: "other" });
  assert.equal(a.governor, b.governor);
  assert.notEqual(a.governor, c.governor);
});

test("llama-cpp without node-llama-cpp installed says to install it", { skip: llamaCppInstalled() }, async () => {
  await assert.rejects(resolveProvider("llama-cpp:/models/none.gguf"), (e: ProviderError) => {
    assert.ok(e instanceof ProviderError);
    assert.equal(e.message, `llama-cpp: ${LLAMA_CPP_MISSING}`);
    assert.match(e.message, /install node-llama-cpp to use local GGUF models/);
    return true;
  });
});

test("llama-cpp maps history, tools and results through node-llama-cpp's chat API", async () => {
  const gguf = path.join(tmpdir(), `aicc-fake-${process.pid}.gguf`);
  writeFileSync(gguf, "");
  const histories: unknown[] = [];
  const fake = {
    getLlama: async () => ({
      loadModel: async () => ({
        createContext: async () => ({ getSequence: () => ({}) }),
        tokenize: (text: string) => text.split(/\s+/),
      }),
    }),
    LlamaChat: class {
      async generateResponse(history: unknown[], options: { functions?: Record<string, unknown>; maxTokens?: number }) {
        histories.push(history);
        if (histories.length === 1) {
          assert.deepEqual(Object.keys(options.functions ?? {}), ["bash"]);
          return {
            response: "",
            functionCalls: [{ functionName: "bash", params: { cmd: "ls" } }],
            metadata: { stopReason: "functionCalls" },
          };
        }
        return { response: "done", metadata: { stopReason: "maxTokens" } };
      }
    },
  };
  const provider = await resolveProvider(`llama-cpp:${gguf}`, { importModule: async () => fake }).finally(() =>
    rmSync(gguf),
  );
  assert.equal(provider.governor.concurrency, 1);
  const tools = [{ name: "bash", description: "shell", parameters: { type: "object" } }];
  const first = await provider.generate({ messages: [{ role: "user", content: "list files" }], tools, config: {} });
  assert.equal(first.stopReason, "tool_calls");
  const call = first.message.toolCalls![0]!;
  assert.deepEqual(call.arguments, { cmd: "ls" });
  const second = await provider.generate({
    messages: [
      { role: "user", content: "list files" },
      first.message,
      { role: "tool", toolCallId: call.id, name: "bash", content: "a.txt" },
    ],
    config: {},
  });
  assert.equal(second.stopReason, "length");
  assert.deepEqual(histories[1], [
    { type: "user", text: "list files" },
    { type: "model", response: [{ type: "functionCall", name: "bash", params: { cmd: "ls" }, result: "a.txt" }] },
  ]);
  await assert.rejects(
    resolveProvider("llama-cpp:/no/such/model.gguf", { importModule: async () => fake }),
    /no GGUF model file at \/no\/such\/model.gguf/,
  );
});

test("prices apply to listed models and their dated snapshots only", () => {
  assert.deepEqual(priceFor(DEFAULT_PRICES, "gpt-4o-2024-08-06"), DEFAULT_PRICES["gpt-4o"]);
  assert.deepEqual(priceFor(DEFAULT_PRICES, "gpt-4o-mini"), DEFAULT_PRICES["gpt-4o-mini"]);
  assert.deepEqual(priceFor(DEFAULT_PRICES, "claude-3-5-haiku-latest"), DEFAULT_PRICES["claude-3-5-haiku"]);
  assert.equal(priceFor(DEFAULT_PRICES, "gpt-4o-audio-preview"), undefined);
  assert.equal(priceFor(DEFAULT_PRICES, "toString"), undefined);
  assert.equal(
    costOf({ inputTokens: 1_000_000, outputTokens: 500_000 }, { inputPerMillion: 2, outputPerMillion: 8 }),
    6,
  );
});
