import type { Solver } from "../model.ts";
import { choiceLetter, extractChoice } from "./extract-choice.ts";
import { callModel, rewriteLastUser, sampleMessages, withinTimeLimit } from "./model-call.ts";

/** How the multiple-choice prompt asks for the answer. */
export interface MultipleChoiceOptions {
  /** Ask for step-by-step reasoning before the answer line (default false: the answer line only). */
  chainOfThought?: boolean;
}

/** The question with lettered choices and the answer-format instruction the extractor reads best. */
export function multipleChoicePrompt(
  question: string,
  choices: readonly string[],
  options: MultipleChoiceOptions = {},
): string {
  const letters = choices.map((_, i) => choiceLetter(i));
  const format = `a final line of the form "ANSWER: X", where X is one of ${letters.join(", ")}`;
  const instruction = options.chainOfThought
    ? `Answer the following multiple-choice question. Think it through step by step, then end your reply with ${format}.`
    : `Answer the following multiple-choice question. Reply with ${format}, and nothing else.`;
  const listed = choices.map((choice, i) => `${letters[i]}) ${choice}`).join("\n");
  return `${instruction}\n\n${question}\n\n${listed}`;
}

/**
 * Multiple choice: the sample's question with its lettered `choices`; the answer is the chosen
 * letter ("C"), or the reply's text when no single choice can be read from it.
 */
export function multipleChoice(options: MultipleChoiceOptions = {}): Solver {
  return withinTimeLimit(async (ctx) => {
    const choices = ctx.sample.choices;
    if (!choices || choices.length === 0)
      throw new Error(`sample ${ctx.sample.id} has no choices for a multiple-choice solver`);
    const messages = rewriteLastUser(sampleMessages(ctx.sample), (question) =>
      multipleChoicePrompt(question, choices, options),
    );
    const output = await callModel(ctx, messages);
    const reply = output.message.content;
    const letter = extractChoice(reply, choices);
    if (letter === undefined)
      ctx.emit({ type: "info", at: new Date().toISOString(), message: "no single choice found in the reply" });
    return { messages: [...messages, output.message], answer: letter ?? reply.trim(), usage: output.usage };
  });
}
