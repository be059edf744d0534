import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { GenerateRequest, ModelOutput, ModelProvider, Sample, SampleEvent, SolverContext } from "../model.ts";
import { CachedProvider } from "../providers/cached-provider.ts";
import { cacheKey, MemoryResponseCache } from "../providers/response-cache.ts";
import { chainOfThought } from "./chain-of-thought.ts";
import { generate } from "./generate.ts";
import { multipleChoice, multipleChoicePrompt } from "./multiple-choice.ts";

/** A model that answers each request with `reply(request)` and remembers what it was asked. */
class FakeModel implements ModelProvider {
  readonly id = "fake:model";
  readonly requests: GenerateRequest[] = [];
  constructor(private readonly reply: (request: GenerateRequest) => string) {}
  async generate(request: GenerateRequest): Promise<ModelOutput> {
    this.requests.push(request);
    const content = this.reply(request);
    return {
      message: { role: "assistant", content },
      stopReason: "stop",
      usage: { inputTokens: 10, outputTokens: 3 },
      latencyMs: 5,
    };
  }
}

function context(sample: Partial<Sample>, model: ModelProvider): { ctx: SolverContext; events: SampleEvent[] } {
  const events: SampleEvent[] = [];
  const ctx: SolverContext = {
    sample: { id: "q1", input: "", target: "", metadata: {}, ...sample },
    model,
    config: { temperature: 0 },
    limits: {},
    emit: (event) => events.push(event),
    signal: new AbortController().signal,
  };
  return { ctx, events };
}

const question = {
  input: "Which flaw lets input change a SQL query?",
  choices: ["Buffer overflow", "SQL injection", "Race condition"],
};

describe("generate", () => {
  it("makes one call on the input and answers with the reply", async () => {
    const model = new FakeModel(() => "Hello.");
    const { ctx, events } = context({ input: "Say hello." }, model);
    const result = await generate()(ctx);
    assert.equal(result.answer, "Hello.");
    assert.deepEqual(result.usage, { inputTokens: 10, outputTokens: 3 });
    assert.deepEqual(
      result.messages.map((m) => m.role),
      ["user", "assistant"],
    );
    assert.equal(events.length, 1);
    assert.equal(events[0]!.type, "model");
    assert.match((events[0] as { callKey: string }).callKey, /^[0-9a-f]{64}$/);
  });

  it("logs the response cache's key when the model is cached", async () => {
    const cached = new CachedProvider(new FakeModel(() => "Hi."), new MemoryResponseCache(), {
      epoch: 2,
      sampleId: "q1",
    });
    const { ctx, events } = context({ input: "Say hi." }, cached);
    await generate()(ctx);
    const expected = cacheKey(
      "fake:model",
      [{ role: "user", content: "Say hi." }],
      undefined,
      { temperature: 0 },
      2,
      "q1",
    );
    assert.equal((events[0] as { callKey: string }).callKey, expected);
  });
});

describe("multipleChoice", () => {
  it("lists lettered choices and asks for an ANSWER line", () => {
    const prompt = multipleChoicePrompt(question.input, question.choices);
    assert.match(prompt, /"ANSWER: X", where X is one of A, B, C/);
    assert.match(
      prompt,
      /\n\nWhich flaw lets input change a SQL query\?\n\nA\) Buffer overflow\nB\) SQL injection\nC\) Race condition$/,
    );
  });

  for (const reply of ["ANSWER: B", "The answer is (b).", "**B**", "B", "SQL injection"]) {
    it(`answers "B" for the reply ${JSON.stringify(reply)}`, async () => {
      const model = new FakeModel(() => reply);
      const { ctx } = context(question, model);
      const result = await multipleChoice()(ctx);
      assert.equal(result.answer, "B");
      assert.match(model.requests[0]!.messages[0]!.content, /B\) SQL injection/);
    });
  }

  it("keeps the reply as the answer, and says so, when no choice can be read", async () => {
    const { ctx, events } = context(question, new FakeModel(() => "I cannot tell."));
    const result = await multipleChoice()(ctx);
    assert.equal(result.answer, "I cannot tell.");
    assert.ok(events.some((e) => e.type === "info"));
  });

  it("puts the question in the last user message of a conversation input", async () => {
    const model = new FakeModel(() => "ANSWER: C");
    const input = [
      { role: "system" as const, content: "You are a security expert." },
      { role: "user" as const, content: "Which flaw is timing-dependent?" },
    ];
    const { ctx } = context({ input, choices: question.choices }, model);
    assert.equal((await multipleChoice()(ctx)).answer, "C");
    const sent = model.requests[0]!.messages;
    assert.equal(sent[0]!.content, "You are a security expert.");
    assert.match(sent[1]!.content, /timing-dependent\?\n\nA\) Buffer overflow/);
  });

  it("refuses a sample without choices", async () => {
    const { ctx } = context({ input: "no choices" }, new FakeModel(() => "A"));
    await assert.rejects(multipleChoice()(ctx), /has no choices/);
  });
});

describe("chainOfThought", () => {
  it("asks for reasoning on a multiple-choice question and extracts the letter", async () => {
    const model = new FakeModel(() => "Input reaches the query unescaped, so it is injection.\n\nANSWER: B");
    const { ctx } = context(question, model);
    const result = await chainOfThought()(ctx);
    assert.equal(result.answer, "B");
    assert.match(model.requests[0]!.messages[0]!.content, /step by step/);
  });

  it("extracts the final answer line of a free-form question", async () => {
    const model = new FakeModel(() => "Port 22 is SSH by convention.\nANSWER: SSH");
    const { ctx } = context({ input: "Which service listens on port 22?" }, model);
    const result = await chainOfThought()(ctx);
    assert.equal(result.answer, "SSH");
    assert.match(model.requests[0]!.messages[0]!.content, /port 22\?\n\nThink it through step by step/);
  });
});
