import type { ModelProvider, Sample, SolverResult } from "../model.ts";

/** A solver result whose answer is `answer`, for scorer tests. */
export function answered(answer: string): SolverResult {
  return { messages: [{ role: "assistant", content: answer }], answer, usage: { inputTokens: 0, outputTokens: 0 } };
}

/** A sample with defaults filled in, for scorer tests. */
export function sampleOf(fields: Partial<Sample>): Sample {
  return { id: "s1", input: "question", target: "", metadata: {}, ...fields };
}

/** A judge that replies with the scripted texts in turn and records the prompts it was sent. */
export function scriptedJudge(...replies: string[]): ModelProvider & { prompts: string[] } {
  const prompts: string[] = [];
  return {
    id: "test:judge",
    prompts,
    async generate(request) {
      prompts.push(request.messages.map((message) => message.content).join("\n"));
      const content = replies.shift() ?? "";
      return {
        message: { role: "assistant", content },
        stopReason: "stop",
        usage: { inputTokens: 10, outputTokens: 10 },
        latencyMs: 1,
      };
    },
  };
}

export const noJudge = { signal: new AbortController().signal };
