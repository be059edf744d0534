import { z } from "zod";

/**
 * The evaluation engine's vocabulary (DESIGN §6), shared by providers, datasets, solvers, scorers,
 * the runner and the viewer. A task = dataset + solver + scorers + limits; a run = model × task × epochs.
 */

// ---- messages and model calls ----------------------------------------------------------------

export const ToolCallSchema = z.object({
  id: z.string(),
  name: z.string(),
  arguments: z.record(z.string(), z.unknown()),
});
export type ToolCall = z.infer<typeof ToolCallSchema>;

export const ChatMessageSchema = z.discriminatedUnion("role", [
  z.object({ role: z.literal("system"), content: z.string() }),
  z.object({ role: z.literal("user"), content: z.string() }),
  z.object({ role: z.literal("assistant"), content: z.string(), toolCalls: z.array(ToolCallSchema).optional() }),
  z.object({ role: z.literal("tool"), toolCallId: z.string(), name: z.string(), content: z.string() }),
]);
export type ChatMessage = z.infer<typeof ChatMessageSchema>;

/** A tool the model may call (JSON Schema parameters, as the provider APIs take them). */
export interface ToolDefinition {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

export const GenerateConfigSchema = z.object({
  temperature: z.number().min(0).max(2).optional(),
  maxTokens: z.number().int().positive().optional(),
  seed: z.number().int().optional(),
  stop: z.array(z.string()).optional(),
  topP: z.number().min(0).max(1).optional(),
});
export type GenerateConfig = z.infer<typeof GenerateConfigSchema>;

export interface Usage {
  inputTokens: number;
  outputTokens: number;
}

export interface ModelOutput {
  message: Extract<ChatMessage, { role: "assistant" }>;
  stopReason: "stop" | "length" | "tool_calls" | "content_filter" | "unknown";
  usage: Usage;
  /** Cost in USD when the provider's prices are known. */
  costUsd?: number;
  /** Time the provider took (ms), excluding time queued behind rate limits. */
  latencyMs: number;
  /**
   * Time (ms) the call spent before its answering attempt: queued behind the concurrency limit or a
   * Retry-After pause, backing off, and in failed attempts. Not counted against a sample's wall time.
   */
  waitMs?: number;
  /** True when served from the response cache. */
  cached?: boolean;
}

export interface GenerateRequest {
  messages: ChatMessage[];
  tools?: ToolDefinition[];
  config: GenerateConfig;
  signal?: AbortSignal;
  /**
   * Working time (ms) this call may take before the sample's time limit: a governed provider stops
   * the answering attempt after it with a `TimeLimitError`; time queued behind rate limits is free.
   */
  timeLimitMs?: number;
}

/** A model behind a provider (`openai-compatible:gpt-x`, `anthropic:claude-x`, `llama-cpp:/path.gguf`). */
export interface ModelProvider {
  /** `provider:model`, stable: part of cache keys and run specs. */
  readonly id: string;
  generate(request: GenerateRequest): Promise<ModelOutput>;
}

/**
 * Errors a provider raises. `infrastructure` errors (5xx after retries, timeouts, network) are
 * recorded apart from model failures and never scored as a miss.
 */
export class ProviderError extends Error {
  constructor(
    message: string,
    readonly kind: "infrastructure" | "rate_limited" | "bad_request" | "auth" | "content_filter",
    readonly status?: number,
  ) {
    super(message);
    this.name = "ProviderError";
  }
}

// ---- datasets and samples --------------------------------------------------------------------

/** One item of a dataset. `target` is what scorers compare against (a letter, a flag, a rubric). */
export const SampleSchema = z.object({
  id: z.string(),
  input: z.union([z.string(), z.array(ChatMessageSchema)]),
  /** Multiple-choice options, in order (A, B, C, …). */
  choices: z.array(z.string()).optional(),
  target: z.union([z.string(), z.array(z.string())]).default(""),
  /** Category for per-category breakdowns, and cluster for clustered standard errors (task family). */
  category: z.string().optional(),
  cluster: z.string().optional(),
  metadata: z.record(z.string(), z.unknown()).default({}),
  /** Files to place in the sandbox work directory: relative path → absolute source path on this machine. */
  files: z.record(z.string(), z.string()).optional(),
});
export type Sample = z.infer<typeof SampleSchema>;

export interface Dataset {
  name: string;
  /** SHA-256 over the canonical JSON of the samples: part of the run spec. */
  hash: string;
  samples: Sample[];
  /** Where it came from and its licence, for the run log. */
  source: { path?: string; licence?: string; description?: string };
  /** Items the loader left out, each with why (e.g. its task files are missing), for the run log. */
  excluded?: { id: string; reason: string }[];
}

// ---- solving and scoring ---------------------------------------------------------------------

/** Per-sample limits; a sample that hits one ends with `limit` set, not an error. */
export const SampleLimitsSchema = z.object({
  maxTokens: z.number().int().positive().optional(),
  maxTurns: z.number().int().positive().optional(),
  wallTimeSeconds: z.number().positive().optional(),
});
export type SampleLimits = z.infer<typeof SampleLimitsSchema>;

/** Every event of a sample, written to the run's log as it happens. */
export type SampleEvent =
  | { type: "model"; at: string; request: { messages: number; tools: string[] }; output: ModelOutput; callKey: string }
  | {
      type: "tool";
      at: string;
      call: ToolCall;
      output: string;
      exitCode?: number;
      durationMs: number;
      truncated: boolean;
    }
  | { type: "score"; at: string; scorer: string; score: Score }
  | { type: "error"; at: string; kind: "infrastructure" | "model" | "limit"; message: string }
  | { type: "info"; at: string; message: string };

/** What a solver sees: the sample, the model (cached, resumable calls), tools, limits, a log sink. */
export interface SolverContext {
  sample: Sample;
  model: ModelProvider;
  config: GenerateConfig;
  limits: SampleLimits;
  /** Sandboxed tools for agents; undefined for tasks without tools. */
  tools?: ToolBox;
  emit(event: SampleEvent): void;
  signal: AbortSignal;
}

export interface SolverResult {
  messages: ChatMessage[];
  /** The final answer the scorers judge (the last assistant text, or what `submit` received). */
  answer: string;
  usage: Usage;
  /** Set when a limit ended the sample. */
  limit?: "tokens" | "turns" | "time";
}

export type Solver = (ctx: SolverContext) => Promise<SolverResult>;

export interface ToolBox {
  definitions: ToolDefinition[];
  /** Runs one tool call; the sandbox's output (truncated) is returned as text. */
  call(
    call: ToolCall,
    signal: AbortSignal,
  ): Promise<{ output: string; exitCode?: number; truncated: boolean; submitted?: string }>;
  close(): Promise<void>;
}

export const ScoreSchema = z.object({
  /** 1 correct, 0 incorrect; fractions for partial credit. */
  value: z.number().min(0).max(1),
  /** What the scorer extracted or compared (e.g. the chosen letter). */
  answer: z.string().optional(),
  explanation: z.string().optional(),
  /** Refusal is counted apart from inability. */
  refused: z.boolean().optional(),
});
export type Score = z.infer<typeof ScoreSchema>;

/** A scorer is a plain async function (Inspect's shape). */
export type Scorer = (
  result: SolverResult,
  sample: Sample,
  ctx: { judge?: ModelProvider; signal: AbortSignal },
) => Promise<Score>;

export interface Task {
  name: string;
  dataset: Dataset;
  solver: { name: string; solve: Solver };
  scorers: { name: string; score: Scorer }[];
  limits: SampleLimits;
  /** Whether samples get a sandbox with tools. */
  sandbox: boolean;
  config: GenerateConfig;
}
