import { sha256Hex } from "../../platform/crypto/canonical-json.ts";
import { type ModelProvider, ProviderError } from "../model.ts";
import { AnthropicProvider } from "./anthropic.ts";
import { GovernedProvider } from "./governed-provider.ts";
import { loadLlamaCppProvider } from "./llama-cpp.ts";
import { OpenAICompatibleProvider } from "./openai-compatible.ts";
import { DEFAULT_PRICES, type PriceTable, priceFor } from "./pricing.ts";
import { GovernorRegistry, type RateGovernorOptions } from "./rate-governor.ts";

/** The providers a model spec can name. */
export const PROVIDER_KINDS = ["openai-compatible", "openai", "anthropic", "llama-cpp"] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

/** How to reach and govern a model; anything not given comes from the environment or defaults. */
export interface ResolveProviderOptions {
  /** Endpoint base URL including `/v1` (required for `openai-compatible:` unless AICC_MODEL_BASE_URL is set). */
  baseUrl?: string;
  /** The API key, e.g. from the platform's encrypted secret store; wins over the environment. */
  apiKey?: string;
  /** Where OPENAI_API_KEY, ANTHROPIC_API_KEY, AICC_MODEL_API_KEY and AICC_MODEL_BASE_URL are read (default process.env). */
  env?: Record<string, string | undefined>;
  /** Tuning for the endpoint's governor; applies when the governor is first made. */
  governor?: RateGovernorOptions;
  /** Governors shared per endpoint (default: one registry for the whole process). */
  governors?: GovernorRegistry;
  /** USD per million tokens by model name (default DEFAULT_PRICES). */
  prices?: PriceTable;
  /** How optional packages are imported (tests replace it). */
  importModule?: (name: string) => Promise<unknown>;
}

const processGovernors = new GovernorRegistry();

const SPEC_FORMS = "openai-compatible:MODEL, openai:MODEL, anthropic:MODEL or llama-cpp:/path/model.gguf";

/** Splits `provider:model` (the model part may itself hold colons, e.g. `llama3:8b`). */
export function parseModelSpec(spec: string): { kind: ProviderKind; model: string } {
  const colon = spec.indexOf(":");
  const kind = spec.slice(0, colon);
  const model = spec.slice(colon + 1);
  if (colon < 0 || model === "" || !(PROVIDER_KINDS as readonly string[]).includes(kind)) {
    throw new ProviderError(`unknown model spec ${JSON.stringify(spec)}: expected ${SPEC_FORMS}`, "bad_request");
  }
  return { kind: kind as ProviderKind, model };
}

function missingKey(kind: string, variable: string): ProviderError {
  return new ProviderError(`${kind}: no API key: set ${variable} or AICC_MODEL_API_KEY, or pass apiKey`, "auth");
}

/** Endpoints are told apart by URL and key, since rate limits are per key. */
const endpointOf = (kind: ProviderKind, url: string, apiKey?: string) =>
  `${kind} ${url}${apiKey ? ` ${sha256Hex(apiKey).slice(0, 16)}` : ""}`;

/**
 * The provider a model spec names, wrapped in its endpoint's `RateGovernor`. Keys: `apiKey`, else
 * OPENAI_API_KEY (openai) or ANTHROPIC_API_KEY (anthropic), else AICC_MODEL_API_KEY. An
 * `openai-compatible:` endpoint only ever gets `apiKey` or AICC_MODEL_API_KEY, never the OpenAI
 * key, so a third-party URL cannot receive it by accident. `llama-cpp:` runs one call at a time.
 */
export async function resolveProvider(spec: string, options: ResolveProviderOptions = {}): Promise<GovernedProvider> {
  const { kind, model } = parseModelSpec(spec);
  const env = options.env ?? process.env;
  const governors = options.governors ?? processGovernors;
  const price = priceFor(options.prices ?? DEFAULT_PRICES, model);
  const common = { id: spec, model, price };
  let provider: ModelProvider;
  let endpoint: string;
  let governor = options.governor;
  switch (kind) {
    case "openai-compatible": {
      const baseUrl = options.baseUrl ?? env.AICC_MODEL_BASE_URL;
      if (!baseUrl) {
        throw new ProviderError(`${spec}: no base URL: pass baseUrl or set AICC_MODEL_BASE_URL`, "bad_request");
      }
      const apiKey = options.apiKey ?? env.AICC_MODEL_API_KEY;
      provider = new OpenAICompatibleProvider({ ...common, baseUrl, apiKey });
      endpoint = endpointOf(kind, baseUrl, apiKey);
      break;
    }
    case "openai": {
      const baseUrl = options.baseUrl ?? "https://api.openai.com/v1";
      const apiKey = options.apiKey ?? env.OPENAI_API_KEY ?? env.AICC_MODEL_API_KEY;
      if (!apiKey) throw missingKey(kind, "OPENAI_API_KEY");
      provider = new OpenAICompatibleProvider({ ...common, baseUrl, apiKey, maxTokensField: "max_completion_tokens" });
      endpoint = endpointOf(kind, baseUrl, apiKey);
      break;
    }
    case "anthropic": {
      const baseUrl = options.baseUrl ?? "https://api.anthropic.com/v1";
      const apiKey = options.apiKey ?? env.ANTHROPIC_API_KEY ?? env.AICC_MODEL_API_KEY;
      if (!apiKey) throw missingKey(kind, "ANTHROPIC_API_KEY");
      provider = new AnthropicProvider({ ...common, baseUrl, apiKey });
      endpoint = endpointOf(kind, baseUrl, apiKey);
      break;
    }
    case "llama-cpp": {
      provider = await loadLlamaCppProvider({ id: spec, modelPath: model, importModule: options.importModule });
      endpoint = endpointOf(kind, model);
      // One context sequence generates one answer at a time; a local failure is not worth retrying.
      governor = { ...governor, initialConcurrency: 1, maxConcurrency: 1, maxAttempts: 1 };
      break;
    }
  }
  return new GovernedProvider(provider, governors.for(endpoint, governor));
}
