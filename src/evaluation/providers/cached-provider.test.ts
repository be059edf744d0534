import assert from "node:assert/strict";
import { test } from "node:test";
import type { ChatMessage, GenerateConfig, ToolDefinition } from "../model.ts";
import { startTestModelServer } from "../test-server/test-model-server.ts";
import { CachedProvider } from "./cached-provider.ts";
import { OpenAICompatibleProvider } from "./openai-compatible.ts";
import { cacheKey, MemoryResponseCache } from "./response-cache.ts";

const messages: ChatMessage[] = [{ role: "user", content: "What is 2+2?" }];
const config: GenerateConfig = { temperature: 0, maxTokens: 10 };

test("a cache hit makes zero extra requests and is marked cached", async () => {
  let n = 0;
  const server = await startTestModelServer({ script: () => `answer ${++n}` });
  try {
    const inner = new OpenAICompatibleProvider({ id: "openai-compatible:m", model: "m", baseUrl: server.baseUrl });
    const cache = new MemoryResponseCache();
    const first = await new CachedProvider(inner, cache, { epoch: 1, sampleId: "s1" }).generate({ messages, config });
    assert.equal(first.cached, undefined);

    // A resumed run builds a fresh provider for the sample: the stored answer comes back, no request goes out.
    const resumed = await new CachedProvider(inner, cache, { epoch: 1, sampleId: "s1" }).call({ messages, config });
    assert.equal(server.requests().length, 1);
    assert.equal(resumed.output.cached, true);
    assert.equal(resumed.output.waitMs, 0);
    assert.equal(resumed.output.message.content, "answer 1");
    assert.equal(resumed.key, cacheKey("openai-compatible:m", messages, undefined, config, 1, "s1"));

    // Another epoch or another sample asks afresh.
    await new CachedProvider(inner, cache, { epoch: 2, sampleId: "s1" }).generate({ messages, config });
    await new CachedProvider(inner, cache, { epoch: 1, sampleId: "s2" }).generate({ messages, config });
    assert.equal(server.requests().length, 3);
  } finally {
    await server.close();
  }
});

test("identical calls within one sample get distinct answers, replayed in the same order", async () => {
  let n = 0;
  const server = await startTestModelServer({ script: () => `draw ${++n}` });
  try {
    const inner = new OpenAICompatibleProvider({ id: "m", model: "m", baseUrl: server.baseUrl });
    const cache = new MemoryResponseCache();
    const live = new CachedProvider(inner, cache, { epoch: 1, sampleId: "s" });
    const drawn = [];
    for (let i = 0; i < 3; i++) drawn.push((await live.generate({ messages, config })).message.content);
    assert.deepEqual(drawn, ["draw 1", "draw 2", "draw 3"]);

    const replay = new CachedProvider(inner, cache, { epoch: 1, sampleId: "s" });
    const replayed = [];
    for (let i = 0; i < 3; i++) replayed.push((await replay.generate({ messages, config })).message.content);
    assert.deepEqual(replayed, drawn);
    assert.equal(server.requests().length, 3);
  } finally {
    await server.close();
  }
});

test("the cache key is a SHA-256 of canonical JSON: key order is irrelevant, every input counts", () => {
  const tools: ToolDefinition[] = [{ name: "bash", description: "d", parameters: { type: "object", properties: {} } }];
  const base = cacheKey("p:m", messages, tools, { temperature: 0, maxTokens: 10 }, 1, "s");
  assert.match(base, /^[0-9a-f]{64}$/);
  assert.equal(base, cacheKey("p:m", messages, tools, { maxTokens: 10, temperature: 0 }, 1, "s"));
  assert.equal(cacheKey("p:m", messages, undefined, config, 1, "s"), cacheKey("p:m", messages, [], config, 1, "s"));
  const variants = [
    cacheKey("p:other", messages, tools, config, 1, "s"),
    cacheKey("p:m", [{ role: "user", content: "What is 2+3?" }], tools, config, 1, "s"),
    cacheKey("p:m", messages, [], config, 1, "s"),
    cacheKey("p:m", messages, tools, { ...config, seed: 1 }, 1, "s"),
    cacheKey("p:m", messages, tools, config, 2, "s"),
    cacheKey("p:m", messages, tools, config, 1, "t"),
    cacheKey("p:m", messages, tools, config, 1, "s", 1),
  ];
  assert.equal(new Set([base, ...variants]).size, variants.length + 1);
});
