import { digestOf } from "../../platform/crypto/canonical-json.ts";
import type {
  ChatMessage,
  GenerateConfig,
  ModelOutput,
  Sample,
  SolverContext,
  ToolDefinition,
  Usage,
} from "../model.ts";
import { CachedProvider } from "../providers/cached-provider.ts";

/**
 * The key of a model call made outside the response cache: SHA-256 over the canonical JSON of model,
 * messages, tools and config, so the same conversation state gives the same key.
 */
export function modelCallKey(
  modelId: string,
  messages: ChatMessage[],
  tools: ToolDefinition[] | undefined,
  config: GenerateConfig,
): string {
  return digestOf({ model: modelId, messages, tools: tools ?? [], config });
}

/**
 * Calls the sample's model and emits the `model` event: the one way every solver talks to a model.
 * Through the runner's response cache the event carries the cache's own key, so a log entry and its
 * cached answer share one key.
 */
export async function callModel(
  ctx: SolverContext,
  messages: ChatMessage[],
  tools?: ToolDefinition[],
): Promise<ModelOutput> {
  const request = { messages, tools, config: ctx.config, signal: ctx.signal };
  const { key, output } =
    ctx.model instanceof CachedProvider
      ? await ctx.model.call(request)
      : { key: modelCallKey(ctx.model.id, messages, tools, ctx.config), output: await ctx.model.generate(request) };
  ctx.emit({
    type: "model",
    at: new Date().toISOString(),
    request: { messages: messages.length, tools: tools?.map((tool) => tool.name) ?? [] },
    output,
    callKey: key,
  });
  return output;
}

export function addUsage(a: Usage, b: Usage): Usage {
  return { inputTokens: a.inputTokens + b.inputTokens, outputTokens: a.outputTokens + b.outputTokens };
}

export const NO_USAGE: Usage = { inputTokens: 0, outputTokens: 0 };

/** A sample's input as messages (a string becomes one user message); a copy, safe to extend. */
export function sampleMessages(sample: Sample): ChatMessage[] {
  return typeof sample.input === "string" ? [{ role: "user", content: sample.input }] : [...sample.input];
}

/** The messages with the last user message's content passed through `rewrite` (a template around the question). */
export function rewriteLastUser(messages: ChatMessage[], rewrite: (content: string) => string): ChatMessage[] {
  const index = messages.findLastIndex((message) => message.role === "user");
  if (index < 0) throw new Error("the sample has no user message to put the question in");
  return messages.map((message, i) => (i === index ? { role: "user", content: rewrite(message.content) } : message));
}
