import type { Solver } from "../model.ts";
import { extractFinalAnswer } from "./extract-choice.ts";
import { callModel, rewriteLastUser, sampleMessages, withinTimeLimit } from "./model-call.ts";
import { multipleChoice } from "./multiple-choice.ts";

/** The instruction appended to a free-form question. */
export const CHAIN_OF_THOUGHT_SUFFIX =
  'Think it through step by step. Then give your final answer on a last line of the form "ANSWER: <your answer>".';

/**
 * Reasoning first, then the answer: for a multiple-choice sample the letter, otherwise what follows
 * the last "ANSWER:" of the reply (the whole reply when the model left the line out).
 */
export function chainOfThought(): Solver {
  const choiceSolver = multipleChoice({ chainOfThought: true });
  return withinTimeLimit(async (ctx) => {
    if (ctx.sample.choices && ctx.sample.choices.length > 0) return choiceSolver(ctx);
    const messages = rewriteLastUser(
      sampleMessages(ctx.sample),
      (question) => `${question}\n\n${CHAIN_OF_THOUGHT_SUFFIX}`,
    );
    const output = await callModel(ctx, messages);
    return {
      messages: [...messages, output.message],
      answer: extractFinalAnswer(output.message.content),
      usage: output.usage,
    };
  });
}
