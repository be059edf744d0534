import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { ModelProvider, Sample, SampleEvent, SampleLimits, Solver, SolverContext } from "../model.ts";
import { GovernedProvider } from "../providers/governed-provider.ts";
import { OpenAICompatibleProvider } from "../providers/openai-compatible.ts";
import { RateGovernor } from "../providers/rate-governor.ts";
import { answerMultipleChoice, startTestModelServer, type TestModelServer } from "../test-server/index.ts";
import { chainOfThought } from "./chain-of-thought.ts";
import { generate } from "./generate.ts";
import { multipleChoice } from "./multiple-choice.ts";

/** A model at the test server behind a governor allowing `concurrency` calls at once. */
function governedModel(server: TestModelServer, concurrency: number): ModelProvider {
  return new GovernedProvider(
    new OpenAICompatibleProvider({
      id: "openai-compatible:aicc-test-model",
      model: "aicc-test-model",
      baseUrl: server.baseUrl,
    }),
    new RateGovernor({ initialConcurrency: concurrency, maxConcurrency: concurrency, maxAttempts: 1 }),
  );
}

function context(sample: Partial<Sample>, model: ModelProvider, limits: SampleLimits) {
  const events: SampleEvent[] = [];
  const ctx: SolverContext = {
    sample: { id: "q1", input: "Which port does SSH use?", target: "B", metadata: {}, ...sample },
    model,
    config: { temperature: 0 },
    limits,
    emit: (event) => events.push(event),
    signal: new AbortController().signal,
  };
  return { ctx, events };
}

const choices = { choices: ["21", "22", "23", "25"] };

describe("the sample's time limit stops non-agent solvers", () => {
  let slow: TestModelServer;
  before(async () => {
    slow = await startTestModelServer({ latencyMs: 1_500, script: answerMultipleChoice({ letter: "B" }) });
  });
  after(() => slow.close());

  const cases: [string, Solver, Partial<Sample>][] = [
    ["generate", generate(), {}],
    ["multiple choice", multipleChoice(), choices],
    ["chain of thought", chainOfThought(), choices],
  ];
  for (const [name, solver, sample] of cases) {
    it(`${name}: a call slower than the limit is cut off and the sample ends with limit "time"`, async () => {
      const { ctx, events } = context(sample, governedModel(slow, 4), { wallTimeSeconds: 0.3 });
      const started = performance.now();
      const result = await solver(ctx);
      const tookMs = performance.now() - started;
      assert.equal(result.limit, "time");
      assert.equal(result.answer, "");
      assert.ok(tookMs >= 280 && tookMs < 1_200, `took ${tookMs.toFixed(0)} ms against a 300 ms limit`);
      assert.deepEqual(
        events.map((e) => e.type),
        ["error"],
      );
      assert.match((events[0] as { message: string }).message, /time limit of 0.3 s/);
    });
  }

  it("without a limit the same call runs to its answer", async () => {
    const { ctx } = context(choices, governedModel(slow, 4), {});
    const result = await multipleChoice()(ctx);
    assert.equal(result.limit, undefined);
    assert.equal(result.answer, "B");
  });
});

describe("time queued behind the rate governor does not count against the limit", () => {
  let server: TestModelServer;
  before(async () => {
    server = await startTestModelServer({ latencyMs: 150, script: answerMultipleChoice({ letter: "B" }) });
  });
  after(() => server.close());

  it("four samples through one slot: the last waits ~450 ms, works ~150 ms, and is answered under a 300 ms limit", async () => {
    const model = governedModel(server, 1);
    const started = performance.now();
    const results = await Promise.all(
      Array.from({ length: 4 }, (_, i) => {
        const { ctx } = context({ ...choices, id: `q${i}`, input: `Question ${i}: which port does SSH use?` }, model, {
          wallTimeSeconds: 0.3,
        });
        return multipleChoice()(ctx);
      }),
    );
    const tookMs = performance.now() - started;
    assert.ok(tookMs >= 550, `the calls ran one at a time (${tookMs.toFixed(0)} ms)`);
    assert.deepEqual(
      results.map((r) => [r.answer, r.limit]),
      Array.from({ length: 4 }, () => ["B", undefined]),
    );
    assert.equal(server.peakInFlight(), 1);
  });
});
