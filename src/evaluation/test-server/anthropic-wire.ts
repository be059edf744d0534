import { z } from "zod";
import type { ChatMessage, GenerateConfig, ToolDefinition } from "../model.ts";
import type { SettledReply } from "./scripted-reply.ts";

/**
 * Anthropic messages wire shapes for the aicc OpenAI-compatible TEST server's small `/v1/messages`
 * endpoint: enough of the API (text, tool_use, tool_result) to test the Anthropic provider the same
 * way as the OpenAI-compatible one.
 */

const TextBlock = z.object({ type: z.literal("text"), text: z.string() });
const ToolUseBlock = z.object({
  type: z.literal("tool_use"),
  id: z.string(),
  name: z.string(),
  input: z.record(z.string(), z.unknown()),
});
const ToolResultBlock = z.object({
  type: z.literal("tool_result"),
  tool_use_id: z.string(),
  content: z.union([z.string(), z.array(TextBlock)]).optional(),
  is_error: z.boolean().optional(),
});
const Block = z.discriminatedUnion("type", [TextBlock, ToolUseBlock, ToolResultBlock]);

/** The subset of a messages request the test server understands. */
export const AnthropicRequestSchema = z.object({
  model: z.string(),
  max_tokens: z.number().int().positive(),
  system: z.union([z.string(), z.array(TextBlock)]).optional(),
  messages: z
    .array(z.object({ role: z.enum(["user", "assistant"]), content: z.union([z.string(), z.array(Block)]) }))
    .min(1),
  tools: z
    .array(
      z.object({
        name: z.string(),
        description: z.string().optional(),
        input_schema: z.record(z.string(), z.unknown()),
      }),
    )
    .optional(),
  temperature: z.number().optional(),
  top_p: z.number().optional(),
  stop_sequences: z.array(z.string()).optional(),
  stream: z.literal(false).optional(),
});

const textOf = (content: string | { text: string }[] | undefined) =>
  typeof content === "string" ? content : (content ?? []).map((b) => b.text).join("");

/** Normalises a messages request to the engine's messages, tools and config. */
export function fromAnthropicRequest(body: z.infer<typeof AnthropicRequestSchema>): {
  messages: ChatMessage[];
  tools: ToolDefinition[];
  config: GenerateConfig;
} {
  const messages: ChatMessage[] = [];
  if (body.system !== undefined) messages.push({ role: "system", content: textOf(body.system) });
  const toolNames = new Map<string, string>();
  for (const m of body.messages) {
    const blocks = typeof m.content === "string" ? [{ type: "text" as const, text: m.content }] : m.content;
    if (m.role === "assistant") {
      const toolCalls = blocks.flatMap((b) =>
        b.type === "tool_use" ? [{ id: b.id, name: b.name, arguments: b.input }] : [],
      );
      for (const c of toolCalls) toolNames.set(c.id, c.name);
      const content = blocks.map((b) => (b.type === "text" ? b.text : "")).join("");
      messages.push({ role: "assistant", content, ...(toolCalls.length > 0 ? { toolCalls } : {}) });
      continue;
    }
    for (const b of blocks) {
      if (b.type === "tool_result") {
        messages.push({
          role: "tool",
          toolCallId: b.tool_use_id,
          name: toolNames.get(b.tool_use_id) ?? "",
          content: textOf(b.content),
        });
      } else if (b.type === "text") {
        messages.push({ role: "user", content: b.text });
      }
    }
  }
  const tools = (body.tools ?? []).map((t) => ({
    name: t.name,
    description: t.description ?? "",
    parameters: t.input_schema,
  }));
  const config: GenerateConfig = {
    temperature: body.temperature,
    maxTokens: body.max_tokens,
    stop: body.stop_sequences,
    topP: body.top_p,
  };
  return { messages, tools, config };
}

const STOP_REASONS: Record<SettledReply["stopReason"], string> = {
  stop: "end_turn",
  length: "max_tokens",
  tool_calls: "tool_use",
  content_filter: "refusal",
  unknown: "test_unknown",
};

/** A messages response body for a settled reply. */
export function toAnthropicResponse(reply: SettledReply, model: string, index: number): unknown {
  const content: unknown[] = [];
  if (reply.content !== "") content.push({ type: "text", text: reply.content });
  for (const c of reply.toolCalls) content.push({ type: "tool_use", id: c.id, name: c.name, input: c.arguments });
  return {
    id: `msg_aicc_test_${index}`,
    type: "message",
    role: "assistant",
    model,
    content,
    stop_reason: STOP_REASONS[reply.stopReason],
    stop_sequence: null,
    usage: { input_tokens: reply.inputTokens, output_tokens: reply.outputTokens },
  };
}

/** An error body in Anthropic's shape. */
export function toAnthropicError(status: number, message: string): unknown {
  const type =
    status === 429
      ? "rate_limit_error"
      : status === 529
        ? "overloaded_error"
        : status === 401
          ? "authentication_error"
          : status >= 500
            ? "api_error"
            : "invalid_request_error";
  return { type: "error", error: { type, message } };
}
