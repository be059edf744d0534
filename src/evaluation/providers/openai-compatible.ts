import { z } from "zod";
import type { ChatMessage, GenerateRequest, ModelOutput, ModelProvider, ToolCall } from "../model.ts";
import { postJson } from "./http-json.ts";
import { costOf, type Price } from "./pricing.ts";

/** Settings of one model behind an OpenAI-compatible chat-completions endpoint. */
export interface OpenAICompatibleOptions {
  /** `provider:model`, as the run spec names it. */
  id: string;
  /** The model name the endpoint expects. */
  model: string;
  /** Base URL including the version path, e.g. `https://api.openai.com/v1` or `http://localhost:8000/v1`. */
  baseUrl: string;
  /** Sent as a bearer token when set; local servers often need none. */
  apiKey?: string;
  headers?: Record<string, string>;
  /**
   * OpenAI itself wants `max_completion_tokens` (its reasoning models reject `max_tokens`); most
   * compatible servers (vLLM, llama.cpp, Ollama) read `max_tokens`. Default `max_tokens`.
   */
  maxTokensField?: "max_tokens" | "max_completion_tokens";
  price?: Price;
}

const ResponseSchema = z.object({
  choices: z
    .array(
      z.object({
        message: z.object({
          content: z.string().nullish(),
          refusal: z.string().nullish(),
          tool_calls: z
            .array(z.object({ id: z.string(), function: z.object({ name: z.string(), arguments: z.string() }) }))
            .nullish(),
        }),
        finish_reason: z.string().nullish(),
      }),
    )
    .min(1),
  usage: z.object({ prompt_tokens: z.number().nullish(), completion_tokens: z.number().nullish() }).nullish(),
});

function toWireMessage(message: ChatMessage): unknown {
  switch (message.role) {
    case "system":
    case "user":
      return { role: message.role, content: message.content };
    case "assistant":
      return {
        role: "assistant",
        // The API wants null rather than "" beside tool calls.
        content: message.content === "" && message.toolCalls?.length ? null : message.content,
        ...(message.toolCalls?.length
          ? {
              tool_calls: message.toolCalls.map((c) => ({
                id: c.id,
                type: "function",
                function: { name: c.name, arguments: JSON.stringify(c.arguments) },
              })),
            }
          : {}),
      };
    case "tool":
      return { role: "tool", tool_call_id: message.toolCallId, content: message.content };
  }
}

/**
 * Tool-call arguments arrive as a JSON string the model wrote. Malformed JSON is kept (under
 * `_invalidJson`) rather than thrown, so the agent can tell the model its call did not parse.
 */
export function parseToolArguments(raw: string): ToolCall["arguments"] {
  if (raw.trim() === "") return {};
  try {
    const value: unknown = JSON.parse(raw);
    if (value !== null && typeof value === "object" && !Array.isArray(value)) return value as ToolCall["arguments"];
  } catch {
    // Falls through to keep the raw text.
  }
  return { _invalidJson: raw };
}

const STOP_REASONS: Record<string, ModelOutput["stopReason"]> = {
  stop: "stop",
  length: "length",
  tool_calls: "tool_calls",
  function_call: "tool_calls",
  content_filter: "content_filter",
};

/** A model behind any OpenAI-compatible `POST {baseUrl}/chat/completions` (one attempt per call; no retries). */
export class OpenAICompatibleProvider implements ModelProvider {
  readonly id: string;

  constructor(private readonly options: OpenAICompatibleOptions) {
    this.id = options.id;
  }

  async generate(request: GenerateRequest): Promise<ModelOutput> {
    const { config } = request;
    const o = this.options;
    const body = {
      model: o.model,
      messages: request.messages.map(toWireMessage),
      ...(request.tools?.length
        ? {
            tools: request.tools.map((t) => ({
              type: "function",
              function: { name: t.name, description: t.description, parameters: t.parameters },
            })),
          }
        : {}),
      temperature: config.temperature,
      [o.maxTokensField ?? "max_tokens"]: config.maxTokens,
      seed: config.seed,
      stop: config.stop?.length ? config.stop : undefined,
      top_p: config.topP,
    };
    const started = performance.now();
    const data = await postJson({
      label: this.id,
      url: `${o.baseUrl.replace(/\/+$/, "")}/chat/completions`,
      headers: { ...(o.apiKey ? { authorization: `Bearer ${o.apiKey}` } : {}), ...o.headers },
      body,
      response: ResponseSchema,
      signal: request.signal,
    });
    const latencyMs = performance.now() - started;
    const choice = data.choices[0]!;
    const toolCalls = (choice.message.tool_calls ?? []).map((c) => ({
      id: c.id,
      name: c.function.name,
      arguments: parseToolArguments(c.function.arguments),
    }));
    const usage = { inputTokens: data.usage?.prompt_tokens ?? 0, outputTokens: data.usage?.completion_tokens ?? 0 };
    return {
      message: {
        role: "assistant",
        content: choice.message.content ?? choice.message.refusal ?? "",
        ...(toolCalls.length > 0 ? { toolCalls } : {}),
      },
      stopReason: STOP_REASONS[choice.finish_reason ?? ""] ?? "unknown",
      usage,
      ...(o.price ? { costUsd: costOf(usage, o.price) } : {}),
      latencyMs,
    };
  }
}
