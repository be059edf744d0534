import { digestOf } from "../../platform/crypto/canonical-json.ts";
import type {
  ChatMessage,
  GenerateConfig,
  ModelOutput,
  Sample,
  Solver,
  SolverContext,
  SolverResult,
  ToolDefinition,
  Usage,
} from "../model.ts";
import { CachedProvider } from "../providers/cached-provider.ts";
import { TimeLimitError } from "../providers/errors.ts";

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
 * Working time (ms) each sample's solving has used: model latency plus tool time, never time queued
 * behind a provider's rate limits. The sample's `limits.wallTimeSeconds` bounds it.
 */
const workTime = new WeakMap<SolverContext, number>();

/** Adds working time (e.g. a tool call's duration) to the sample's clock. */
export function addWorkTime(ctx: SolverContext, ms: number): void {
  workTime.set(ctx, (workTime.get(ctx) ?? 0) + ms);
}

/** Working time left (ms) under the sample's time limit; Infinity without one. */
export function remainingWorkMs(ctx: SolverContext): number {
  const seconds = ctx.limits.wallTimeSeconds;
  return seconds === undefined ? Number.POSITIVE_INFINITY : seconds * 1000 - (workTime.get(ctx) ?? 0);
}

/**
 * Calls the sample's model and emits the `model` event: the one way every solver talks to a model.
 * Through the runner's response cache the event carries the cache's own key, so a log entry and its
 * cached answer share one key. The call may use the sample's remaining working time and no more:
 * past it (or with none left) it throws `TimeLimitError`. Its latency goes on the sample's clock.
 */
export async function callModel(
  ctx: SolverContext,
  messages: ChatMessage[],
  tools?: ToolDefinition[],
): Promise<ModelOutput> {
  const remaining = remainingWorkMs(ctx);
  if (remaining <= 0) throw new TimeLimitError(0);
  const request = {
    messages,
    tools,
    config: ctx.config,
    signal: ctx.signal,
    ...(Number.isFinite(remaining) ? { timeLimitMs: remaining } : {}),
  };
  const { key, output } =
    ctx.model instanceof CachedProvider
      ? await ctx.model.call(request)
      : { key: modelCallKey(ctx.model.id, messages, tools, ctx.config), output: await ctx.model.generate(request) };
  addWorkTime(ctx, output.latencyMs);
  ctx.emit({
    type: "model",
    at: new Date().toISOString(),
    request: { messages: messages.length, tools: tools?.map((tool) => tool.name) ?? [] },
    output,
    callKey: key,
  });
  return output;
}

export const timeLimitMessage = (ctx: SolverContext) =>
  `time limit of ${ctx.limits.wallTimeSeconds} s reached (model latency plus tool time)`;

/** The end of a sample whose working time ran out: a `limit` event, then a result with `limit: "time"`. */
export function timeLimitReached(ctx: SolverContext, result: Omit<SolverResult, "limit">): SolverResult {
  ctx.emit({ type: "error", at: new Date().toISOString(), kind: "limit", message: timeLimitMessage(ctx) });
  return { ...result, limit: "time" };
}

/**
 * A solver that ends with `limit: "time"` and no answer (scored as such) when one of its model calls
 * runs out of the sample's working time, instead of failing the sample.
 */
export function withinTimeLimit(solver: Solver): Solver {
  return async (ctx) => {
    try {
      return await solver(ctx);
    } catch (error) {
      if (!(error instanceof TimeLimitError)) throw error;
      return timeLimitReached(ctx, { messages: sampleMessages(ctx.sample), answer: "", usage: NO_USAGE });
    }
  };
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
