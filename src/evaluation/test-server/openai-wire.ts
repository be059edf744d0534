import { z } from "zod";
import type { ChatMessage, GenerateConfig, ToolDefinition } from "../model.ts";
import type { SettledReply } from "./scripted-reply.ts";

/**
 * OpenAI chat-completions wire shapes for the aicc OpenAI-compatible TEST server. The request schema
 * is deliberately strict about what our providers must send (a provider bug shows up as a 400 in
 * tests), and loose about optional fields real clients add.
 */

const ToolCallWire = z.object({
  id: z.string(),
  type: z.literal("function"),
  function: z.object({ name: z.string(), arguments: z.string() }),
});

const MessageWire = z.discriminatedUnion("role", [
  z.object({ role: z.enum(["system", "developer"]), content: z.string() }),
  z.object({ role: z.literal("user"), content: z.string() }),
  z.object({
    role: z.literal("assistant"),
    content: z.string().nullable().optional(),
    tool_calls: z.array(ToolCallWire).optional(),
  }),
  z.object({ role: z.literal("tool"), tool_call_id: z.string(), content: z.string() }),
]);

/** The subset of a chat-completions request the test server understands. */
export const OpenAIRequestSchema = z.object({
  model: z.string(),
  messages: z.array(MessageWire).min(1),
  tools: z
    .array(
      z.object({
        type: z.literal("function"),
        function: z.object({
          name: z.string(),
          description: z.string().optional(),
          parameters: z.record(z.string(), z.unknown()).optional(),
        }),
      }),
    )
    .optional(),
  temperature: z.number().optional(),
  max_tokens: z.number().int().optional(),
  max_completion_tokens: z.number().int().optional(),
  seed: z.number().int().optional(),
  stop: z.union([z.string(), z.array(z.string())]).optional(),
  top_p: z.number().optional(),
  stream: z.literal(false).optional(),
});

/** Normalises a chat-completions request to the engine's messages, tools and config. */
export function fromOpenAIRequest(body: z.infer<typeof OpenAIRequestSchema>): {
  messages: ChatMessage[];
  tools: ToolDefinition[];
  config: GenerateConfig;
} {
  const toolNames = new Map<string, string>();
  const messages = body.messages.map((m): ChatMessage => {
    if (m.role === "assistant") {
      const toolCalls = (m.tool_calls ?? []).map((c) => {
        toolNames.set(c.id, c.function.name);
        return { id: c.id, name: c.function.name, arguments: JSON.parse(c.function.arguments) };
      });
      return { role: "assistant", content: m.content ?? "", ...(toolCalls.length > 0 ? { toolCalls } : {}) };
    }
    if (m.role === "tool") {
      return {
        role: "tool",
        toolCallId: m.tool_call_id,
        name: toolNames.get(m.tool_call_id) ?? "",
        content: m.content,
      };
    }
    return { role: m.role === "user" ? "user" : "system", content: m.content };
  });
  const tools = (body.tools ?? []).map((t) => ({
    name: t.function.name,
    description: t.function.description ?? "",
    parameters: t.function.parameters ?? {},
  }));
  const stop = body.stop === undefined ? undefined : Array.isArray(body.stop) ? body.stop : [body.stop];
  const config: GenerateConfig = {
    temperature: body.temperature,
    maxTokens: body.max_completion_tokens ?? body.max_tokens,
    seed: body.seed,
    stop,
    topP: body.top_p,
  };
  return { messages, tools, config };
}

const FINISH_REASONS: Record<SettledReply["stopReason"], string> = {
  stop: "stop",
  length: "length",
  tool_calls: "tool_calls",
  content_filter: "content_filter",
  // Real servers send values outside the documented set; this exercises the provider's fallback.
  unknown: "test_unknown",
};

/** A chat-completions response body for a settled reply. */
export function toOpenAIResponse(reply: SettledReply, model: string, index: number): unknown {
  const toolCalls = reply.toolCalls.map((c) => ({
    id: c.id,
    type: "function",
    function: { name: c.name, arguments: JSON.stringify(c.arguments) },
  }));
  return {
    id: `chatcmpl-aicc-test-${index}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [
      {
        index: 0,
        message: {
          role: "assistant",
          content: reply.content === "" && toolCalls.length > 0 ? null : reply.content,
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
        },
        finish_reason: FINISH_REASONS[reply.stopReason],
      },
    ],
    usage: {
      prompt_tokens: reply.inputTokens,
      completion_tokens: reply.outputTokens,
      total_tokens: reply.inputTokens + reply.outputTokens,
    },
  };
}

/** An error body in OpenAI's shape. */
export function toOpenAIError(status: number, message: string): unknown {
  const type = status === 429 ? "rate_limit_exceeded" : status >= 500 ? "server_error" : "invalid_request_error";
  return { error: { message, type, code: type } };
}
