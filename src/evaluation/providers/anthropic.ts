import { z } from "zod";
import type { ChatMessage, GenerateRequest, ModelOutput, ModelProvider } from "../model.ts";
import { postJson } from "./http-json.ts";
import { costOf, type Price } from "./pricing.ts";

/** Settings of one Anthropic model. */
export interface AnthropicOptions {
  /** `provider:model`, as the run spec names it. */
  id: string;
  model: string;
  apiKey: string;
  /** Base URL including `/v1` (default `https://api.anthropic.com/v1`). */
  baseUrl?: string;
  /** The API requires max_tokens; used when the request's config sets none. Default 4096. */
  defaultMaxTokens?: number;
  price?: Price;
}

/** The API version header the request and response shapes below follow. */
export const ANTHROPIC_VERSION = "2023-06-01";

type Block =
  | { type: "text"; text: string }
  | { type: "tool_use"; id: string; name: string; input: Record<string, unknown> }
  | { type: "tool_result"; tool_use_id: string; content: string };

const ResponseSchema = z.object({
  content: z.array(
    z.union([
      z.object({ type: z.literal("text"), text: z.string() }),
      z.object({
        type: z.literal("tool_use"),
        id: z.string(),
        name: z.string(),
        input: z.record(z.string(), z.unknown()),
      }),
      // Thinking and server-tool blocks are not part of the engine's messages; they are skipped.
      z.object({ type: z.string() }),
    ]),
  ),
  stop_reason: z.string().nullish(),
  usage: z.object({
    input_tokens: z.number(),
    output_tokens: z.number(),
    cache_creation_input_tokens: z.number().nullish(),
    cache_read_input_tokens: z.number().nullish(),
  }),
});

/**
 * The engine's messages in the messages-API shape: system prompts go to `system`; tool results
 * become `tool_result` blocks of a user turn; consecutive turns of one role merge into one, as the
 * API wants all results of one assistant turn in the next user turn.
 */
function toWire(messages: ChatMessage[]): {
  system?: string;
  messages: { role: "user" | "assistant"; content: Block[] }[];
} {
  const system: string[] = [];
  const turns: { role: "user" | "assistant"; content: Block[] }[] = [];
  const add = (role: "user" | "assistant", block: Block) => {
    const last = turns.at(-1);
    if (last?.role === role) last.content.push(block);
    else turns.push({ role, content: [block] });
  };
  for (const m of messages) {
    switch (m.role) {
      case "system":
        system.push(m.content);
        break;
      case "user":
        // The API rejects empty text blocks.
        if (m.content !== "") add("user", { type: "text", text: m.content });
        break;
      case "assistant":
        if (m.content !== "") add("assistant", { type: "text", text: m.content });
        for (const c of m.toolCalls ?? [])
          add("assistant", { type: "tool_use", id: c.id, name: c.name, input: c.arguments });
        break;
      case "tool":
        add("user", { type: "tool_result", tool_use_id: m.toolCallId, content: m.content });
        break;
    }
  }
  return { ...(system.length > 0 ? { system: system.join("\n\n") } : {}), messages: turns };
}

const STOP_REASONS: Record<string, ModelOutput["stopReason"]> = {
  end_turn: "stop",
  stop_sequence: "stop",
  max_tokens: "length",
  tool_use: "tool_calls",
  refusal: "content_filter",
};

/**
 * An Anthropic model through `POST {baseUrl}/messages` (one attempt per call; no retries). The API
 * has no seed, so `config.seed` is not sent.
 */
export class AnthropicProvider implements ModelProvider {
  readonly id: string;

  constructor(private readonly options: AnthropicOptions) {
    this.id = options.id;
  }

  async generate(request: GenerateRequest): Promise<ModelOutput> {
    const { config } = request;
    const o = this.options;
    const body = {
      model: o.model,
      max_tokens: config.maxTokens ?? o.defaultMaxTokens ?? 4096,
      ...toWire(request.messages),
      ...(request.tools?.length
        ? {
            tools: request.tools.map((t) => ({ name: t.name, description: t.description, input_schema: t.parameters })),
          }
        : {}),
      temperature: config.temperature,
      top_p: config.topP,
      stop_sequences: config.stop?.length ? config.stop : undefined,
    };
    const started = performance.now();
    const data = await postJson({
      label: this.id,
      url: `${(o.baseUrl ?? "https://api.anthropic.com/v1").replace(/\/+$/, "")}/messages`,
      headers: { "x-api-key": o.apiKey, "anthropic-version": ANTHROPIC_VERSION },
      body,
      response: ResponseSchema,
      signal: request.signal,
    });
    const latencyMs = performance.now() - started;
    let content = "";
    const toolCalls = [];
    for (const block of data.content) {
      if ("text" in block) content += block.text;
      else if ("input" in block) toolCalls.push({ id: block.id, name: block.name, arguments: block.input });
    }
    const u = data.usage;
    // Cached prompt tokens are still prompt tokens; counting them keeps token limits honest.
    const inputTokens = u.input_tokens + (u.cache_creation_input_tokens ?? 0) + (u.cache_read_input_tokens ?? 0);
    const usage = { inputTokens, outputTokens: u.output_tokens };
    return {
      message: { role: "assistant", content, ...(toolCalls.length > 0 ? { toolCalls } : {}) },
      stopReason: STOP_REASONS[data.stop_reason ?? ""] ?? "unknown",
      usage,
      ...(o.price ? { costUsd: costOf(usage, o.price) } : {}),
      latencyMs,
    };
  }
}
