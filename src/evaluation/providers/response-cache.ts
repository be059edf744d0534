import { digestOf } from "../../platform/crypto/canonical-json.ts";
import type { ChatMessage, GenerateConfig, ModelOutput, ToolDefinition } from "../model.ts";

/**
 * Where completed model calls are kept, so a resumed run or a re-scored sample repeats none. The
 * runner backs it with the database; `MemoryResponseCache` serves tests.
 */
export interface ResponseCache {
  get(key: string): Promise<ModelOutput | undefined>;
  set(key: string, output: ModelOutput): Promise<void>;
}

/**
 * The cache key of a call: SHA-256 of the canonical JSON of everything that determines its answer.
 * Epoch and sample id are part of it, so epochs sample afresh instead of replaying epoch 1. `repeat`
 * (0 for the first) tells apart identical calls within one sample, e.g. several answers drawn from
 * one prompt; it is left out of the key when 0.
 */
export function cacheKey(
  modelId: string,
  messages: ChatMessage[],
  tools: ToolDefinition[] | undefined,
  config: GenerateConfig,
  epoch: number,
  sampleId: string,
  repeat = 0,
): string {
  return digestOf({
    modelId,
    messages,
    tools: tools ?? [],
    config,
    epoch,
    sampleId,
    ...(repeat > 0 ? { repeat } : {}),
  });
}

/** A `ResponseCache` in a Map, for tests and one-off runs. */
export class MemoryResponseCache implements ResponseCache {
  readonly entries = new Map<string, ModelOutput>();

  async get(key: string): Promise<ModelOutput | undefined> {
    return this.entries.get(key);
  }

  async set(key: string, output: ModelOutput): Promise<void> {
    this.entries.set(key, output);
  }
}
