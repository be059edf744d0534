import type { IncomingHttpHeaders } from "node:http";
import type { ChatMessage, GenerateConfig, ModelOutput, ToolDefinition } from "../model.ts";

/**
 * The vocabulary of the aicc OpenAI-compatible TEST server: what a script sees (a request normalised
 * to the engine's own message shape, whichever wire API it arrived on) and what it answers with.
 */

/** Which wire API a request came in on. */
export type TestApi = "openai" | "anthropic";

/** A request as the test server's scripts see it. */
export interface TestRequest {
  api: TestApi;
  model: string;
  /** The conversation, normalised to the engine's ChatMessage (system prompts first). */
  messages: ChatMessage[];
  tools: ToolDefinition[];
  config: GenerateConfig;
  /** Key of the conversation this request belongs to (by default the first user message). */
  conversation: string;
  /** 0-based position among all requests the server received. */
  index: number;
  /** 0-based position among the requests of this conversation. */
  indexInConversation: number;
  headers: IncomingHttpHeaders;
  /** The JSON body as received. */
  body: unknown;
}

/** A fault the server produces instead of an answer. */
export type Fault =
  /** An HTTP error status (429, 500, 503, 529…), with an optional Retry-After header (seconds or HTTP date). */
  | { kind: "status"; status: number; retryAfter?: number | string; message?: string }
  /** The TCP connection is destroyed without a response. */
  | { kind: "reset" }
  /** No response at all until the client gives up (or the server closes): a timeout. */
  | { kind: "hang" };

/** One scripted answer. A bare string is shorthand for `{ content }`. */
export interface ScriptedReply {
  content?: string;
  toolCalls?: { id?: string; name: string; arguments: Record<string, unknown> }[];
  /** Defaults to `tool_calls` when there are tool calls, else `stop`. */
  stopReason?: ModelOutput["stopReason"];
  /** Token counts to report; estimated from text length (4 characters a token) when absent. */
  usage?: { inputTokens?: number; outputTokens?: number };
  /** Delay before answering (ms); overrides the server's latency. */
  latencyMs?: number;
  /** Answer with a fault instead. */
  fault?: Fault;
}

/** A script turns a request into a reply (a string is shorthand for plain content). */
export type Script = (request: TestRequest) => ScriptedReply | string | Promise<ScriptedReply | string>;

/** Shorthands for the faults tests ask for. */
export const faults = {
  rateLimited: (retryAfterSeconds?: number): ScriptedReply => ({
    fault: { kind: "status", status: 429, retryAfter: retryAfterSeconds, message: "rate limited (test server)" },
  }),
  unavailable: (retryAfterSeconds?: number): ScriptedReply => ({
    fault: { kind: "status", status: 503, retryAfter: retryAfterSeconds, message: "unavailable (test server)" },
  }),
  serverError: (): ScriptedReply => ({
    fault: { kind: "status", status: 500, message: "internal error (test server)" },
  }),
  reset: (): ScriptedReply => ({ fault: { kind: "reset" } }),
  hang: (): ScriptedReply => ({ fault: { kind: "hang" } }),
  /** A correct answer that arrives after `ms`: beyond a client's timeout when `ms` exceeds it. */
  slow: (ms: number, content = "slow answer"): ScriptedReply => ({ content, latencyMs: ms }),
};

/** Rough token estimate the server reports when a reply gives none: 4 characters a token. */
export function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

/** The reply with every optional part settled, as the wire encoders take it. */
export interface SettledReply {
  content: string;
  toolCalls: { id: string; name: string; arguments: Record<string, unknown> }[];
  stopReason: ModelOutput["stopReason"];
  inputTokens: number;
  outputTokens: number;
}

/** Fills in ids, stop reason and token counts for a scripted reply to `request`. */
export function settleReply(reply: ScriptedReply, request: TestRequest): SettledReply {
  const toolCalls = (reply.toolCalls ?? []).map((call, i) => ({
    id: call.id ?? `call_${request.index}_${i}`,
    name: call.name,
    arguments: call.arguments,
  }));
  const content = reply.content ?? "";
  const promptText = request.messages.map((m) => m.content).join("\n");
  const outputText = content + toolCalls.map((c) => c.name + JSON.stringify(c.arguments)).join("");
  return {
    content,
    toolCalls,
    stopReason: reply.stopReason ?? (toolCalls.length > 0 ? "tool_calls" : "stop"),
    inputTokens: reply.usage?.inputTokens ?? estimateTokens(promptText),
    outputTokens: reply.usage?.outputTokens ?? estimateTokens(outputText),
  };
}
