import { existsSync } from "node:fs";
import { type GenerateRequest, type ModelOutput, type ModelProvider, ProviderError, type ToolCall } from "../model.ts";

/**
 * In-process GGUF models through node-llama-cpp (v3), which is optional and not a dependency: it is
 * imported only when a `llama-cpp:` model is asked for. The interfaces below are the small part of
 * its API this provider uses.
 */

type HistoryItem =
  | { type: "system"; text: string }
  | { type: "user"; text: string }
  | { type: "model"; response: (string | { type: "functionCall"; name: string; params: unknown; result: unknown })[] };

interface LlamaChatLike {
  generateResponse(
    history: HistoryItem[],
    options: {
      maxTokens?: number;
      temperature?: number;
      topP?: number;
      seed?: number;
      customStopTriggers?: string[];
      functions?: Record<string, { description?: string; params?: unknown }>;
      signal?: AbortSignal;
    },
  ): Promise<{
    response: string;
    functionCalls?: { functionName: string; params: unknown }[];
    metadata: { stopReason: string };
  }>;
}

interface LlamaModelLike {
  createContext(options?: { contextSize?: number }): Promise<{ getSequence(): unknown }>;
  tokenize(text: string): unknown[];
}

interface NodeLlamaCpp {
  getLlama(): Promise<{ loadModel(options: { modelPath: string }): Promise<LlamaModelLike> }>;
  LlamaChat: new (options: { contextSequence: unknown }) => LlamaChatLike;
}

/** The message a missing node-llama-cpp produces. */
export const LLAMA_CPP_MISSING = "install node-llama-cpp to use local GGUF models (npm install node-llama-cpp)";

const STOP_REASONS: Record<string, ModelOutput["stopReason"]> = {
  eogToken: "stop",
  eosToken: "stop",
  stopGenerationTrigger: "stop",
  customStopTrigger: "stop",
  functionCalls: "tool_calls",
  maxTokens: "length",
};

/** The engine's messages as node-llama-cpp's chat history; tool results join the model turn that called them. */
function toHistory(request: GenerateRequest): HistoryItem[] {
  const history: HistoryItem[] = [];
  const pending = new Map<string, { type: "functionCall"; name: string; params: unknown; result: unknown }>();
  for (const m of request.messages) {
    if (m.role === "system" || m.role === "user") {
      history.push({ type: m.role, text: m.content });
    } else if (m.role === "assistant") {
      const response: Extract<HistoryItem, { type: "model" }>["response"] = m.content === "" ? [] : [m.content];
      for (const c of m.toolCalls ?? []) {
        const call = { type: "functionCall" as const, name: c.name, params: c.arguments, result: "" as unknown };
        pending.set(c.id, call);
        response.push(call);
      }
      history.push({ type: "model", response });
    } else {
      const call = pending.get(m.toolCallId);
      if (call) call.result = m.content;
    }
  }
  return history;
}

/** A GGUF model loaded in this process; one generation at a time (one context sequence). */
class LlamaCppProvider implements ModelProvider {
  private calls = 0;

  constructor(
    readonly id: string,
    private readonly model: LlamaModelLike,
    private readonly chat: LlamaChatLike,
  ) {}

  async generate(request: GenerateRequest): Promise<ModelOutput> {
    const { config } = request;
    const functions = request.tools?.length
      ? Object.fromEntries(request.tools.map((t) => [t.name, { description: t.description, params: t.parameters }]))
      : undefined;
    const started = performance.now();
    let result: Awaited<ReturnType<LlamaChatLike["generateResponse"]>>;
    try {
      result = await this.chat.generateResponse(toHistory(request), {
        maxTokens: config.maxTokens,
        temperature: config.temperature,
        topP: config.topP,
        seed: config.seed,
        customStopTriggers: config.stop,
        functions,
        signal: request.signal,
      });
    } catch (error) {
      if (request.signal?.aborted) throw request.signal.reason;
      throw new ProviderError(`${this.id}: generation failed: ${(error as Error).message}`, "infrastructure");
    }
    // node-llama-cpp may end an aborted generation normally (stop reason "abort") instead of throwing.
    if (request.signal?.aborted) throw request.signal.reason;
    const latencyMs = performance.now() - started;
    const toolCalls: ToolCall[] = (result.functionCalls ?? []).map((c) => ({
      id: `call_${++this.calls}`,
      name: c.functionName,
      arguments: (c.params ?? {}) as ToolCall["arguments"],
    }));
    const count = (text: string) => this.model.tokenize(text).length;
    return {
      message: { role: "assistant", content: result.response, ...(toolCalls.length > 0 ? { toolCalls } : {}) },
      stopReason: STOP_REASONS[result.metadata.stopReason] ?? "unknown",
      usage: {
        inputTokens: count(request.messages.map((m) => m.content).join("\n")),
        outputTokens: count(result.response + toolCalls.map((c) => JSON.stringify(c.arguments)).join("")),
      },
      latencyMs,
    };
  }
}

/**
 * Loads a GGUF model with node-llama-cpp. Throws a `ProviderError` saying to install node-llama-cpp
 * when it is absent, and one naming the path when the file does not exist.
 */
export async function loadLlamaCppProvider(options: {
  id: string;
  modelPath: string;
  contextSize?: number;
  /** How the package is imported (tests replace it). */
  importModule?: (name: string) => Promise<unknown>;
}): Promise<ModelProvider> {
  const importModule = options.importModule ?? ((name: string) => import(name));
  let lib: NodeLlamaCpp;
  try {
    lib = (await importModule("node-llama-cpp")) as NodeLlamaCpp;
  } catch (error) {
    const e = error as { code?: string; message?: string };
    if (e.code === "ERR_MODULE_NOT_FOUND" || e.code === "MODULE_NOT_FOUND") {
      throw new ProviderError(`llama-cpp: ${LLAMA_CPP_MISSING}`, "infrastructure");
    }
    throw new ProviderError(
      `llama-cpp: node-llama-cpp is installed but failed to load: ${e.message}`,
      "infrastructure",
    );
  }
  if (!existsSync(options.modelPath)) {
    throw new ProviderError(`llama-cpp: no GGUF model file at ${options.modelPath}`, "bad_request");
  }
  const llama = await lib.getLlama();
  const model = await llama.loadModel({ modelPath: options.modelPath });
  const context = await model.createContext(options.contextSize ? { contextSize: options.contextSize } : undefined);
  const chat = new lib.LlamaChat({ contextSequence: context.getSequence() });
  return new LlamaCppProvider(options.id, model, chat);
}
