/** Model providers: HTTP and in-process models behind the engine's `ModelProvider`, governed and cached. */
export { ANTHROPIC_VERSION, type AnthropicOptions, AnthropicProvider } from "./anthropic.ts";
export { CachedProvider } from "./cached-provider.ts";
export { errorFromResponse, networkError, ProviderCallError, type RetryAdvice, retryAfterMs } from "./errors.ts";
export { GovernedProvider } from "./governed-provider.ts";
export { LLAMA_CPP_MISSING, loadLlamaCppProvider } from "./llama-cpp.ts";
export { type OpenAICompatibleOptions, OpenAICompatibleProvider, parseToolArguments } from "./openai-compatible.ts";
export { costOf, DEFAULT_PRICES, type Price, type PriceTable, priceFor } from "./pricing.ts";
export {
  type GovernedResult,
  type GovernorEvent,
  GovernorRegistry,
  type GovernorStats,
  RateGovernor,
  type RateGovernorOptions,
} from "./rate-governor.ts";
export {
  PROVIDER_KINDS,
  type ProviderKind,
  parseModelSpec,
  type ResolveProviderOptions,
  resolveProvider,
} from "./resolve-provider.ts";
export { cacheKey, MemoryResponseCache, type ResponseCache } from "./response-cache.ts";
