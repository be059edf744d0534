import type { GenerateRequest, ModelOutput, ModelProvider } from "../model.ts";
import { cacheKey, type ResponseCache } from "./response-cache.ts";

/**
 * A provider for one sample in one epoch that answers from the cache when it can and stores every
 * fresh answer. A hit makes no request at all and comes back with `cached: true`. The n-th identical
 * call of the sample maps to the n-th stored answer, so a replay after a crash gets the same answers
 * in the same order.
 */
export class CachedProvider implements ModelProvider {
  readonly id: string;
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly inner: ModelProvider,
    private readonly cache: ResponseCache,
    private readonly scope: { epoch: number; sampleId: string },
  ) {
    this.id = inner.id;
  }

  async generate(request: GenerateRequest): Promise<ModelOutput> {
    return (await this.call(request)).output;
  }

  /** Like `generate`, also returning the cache key (the `callKey` of the run log's model event). */
  async call(request: GenerateRequest): Promise<{ key: string; output: ModelOutput }> {
    const keyOf = (repeat: number) =>
      cacheKey(this.id, request.messages, request.tools, request.config, this.scope.epoch, this.scope.sampleId, repeat);
    const first = keyOf(0);
    const repeat = this.seen.get(first) ?? 0;
    this.seen.set(first, repeat + 1);
    const key = repeat === 0 ? first : keyOf(repeat);
    const hit = await this.cache.get(key);
    if (hit) return { key, output: { ...hit, cached: true, waitMs: 0 } };
    const output = await this.inner.generate(request);
    await this.cache.set(key, output);
    return { key, output };
  }
}
