import type { ChatMessage, GenerateConfig, ModelProvider, Sample } from "../model.ts";
import { ScorerError } from "./scorer-error.ts";

/** Judges grade deterministically unless the caller says otherwise. */
export const JUDGE_CONFIG: GenerateConfig = { temperature: 0 };

/** The judge a scorer uses: its own option first, else the run's judge; neither is a `ScorerError`. */
export function pickJudge(
  scorer: string,
  own: ModelProvider | undefined,
  run: ModelProvider | undefined,
): ModelProvider {
  const judge = own ?? run;
  if (!judge) throw new ScorerError(scorer, "needs a judge model, and none was given");
  return judge;
}

/** Asks the judge one question and returns its reply text. Provider errors propagate as they are. */
export async function askJudge(
  judge: ModelProvider,
  prompt: string,
  config: GenerateConfig,
  signal: AbortSignal,
): Promise<string> {
  const output = await judge.generate({ messages: [{ role: "user", content: prompt }], config, signal });
  return output.message.content;
}

/** A sample's input as plain text for a judge prompt: a string as it is, messages one per paragraph with their role. */
export function renderInput(sample: Sample): string {
  if (typeof sample.input === "string") return sample.input;
  return sample.input.map(renderMessage).join("\n\n");
}

function renderMessage(message: ChatMessage): string {
  return message.role === "tool"
    ? `[tool ${message.name}]\n${message.content}`
    : `[${message.role}]\n${message.content}`;
}
