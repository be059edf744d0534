import type { Solver } from "../model.ts";
import { callModel, sampleMessages, withinTimeLimit } from "./model-call.ts";

/** The plain solver: one model call on the sample's input; the answer is the reply's text. */
export function generate(): Solver {
  return withinTimeLimit(async (ctx) => {
    const messages = sampleMessages(ctx.sample);
    const output = await callModel(ctx, messages);
    return { messages: [...messages, output.message], answer: output.message.content, usage: output.usage };
  });
}
