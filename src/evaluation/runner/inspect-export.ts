import type { ChatMessage, GenerateConfig, ModelOutput, Score, ToolCall, Usage } from "../model.ts";
import type { RunSpec } from "./run-spec.ts";
import type { TaskDefinition } from "./tasks.ts";
import { transcriptMessages } from "./viewer.ts";
import type { RunLog, ScorerSummary, TranscriptMessage } from "./viewer-model.ts";

/**
 * A run as an Inspect AI eval log (the JSON log format, version 2: `EvalLog` with `EvalSpec`,
 * `EvalPlan`, `EvalResults`, `EvalStats` and `EvalSample`s), so Inspect's viewer and its analysis
 * tools read aicc runs. Written faithfully for what a run records: each sample's messages, output and
 * scores. Its `events` stay empty: the aicc log (`--format aicc`) carries every event, and Inspect's
 * event records need fields (spans, working-time offsets, raw model calls) that aicc does not keep.
 */

type Json = Record<string, unknown>;

/** Inspect's GenerateConfig: every option present, null when unset. */
function generateConfig(config: GenerateConfig, spec: RunSpec): Json {
  return {
    max_retries: null,
    timeout: null,
    max_connections: spec.maxConnections,
    system_message: null,
    max_tokens: config.maxTokens ?? null,
    top_p: config.topP ?? null,
    temperature: config.temperature ?? null,
    stop_seqs: config.stop ?? null,
    best_of: null,
    frequency_penalty: null,
    presence_penalty: null,
    logit_bias: null,
    seed: config.seed ?? null,
    top_k: null,
    num_choices: null,
    logprobs: null,
    top_logprobs: null,
    parallel_tool_calls: null,
    internal_tools: null,
    max_tool_output: null,
    cache_prompt: null,
    reasoning_effort: null,
    reasoning_tokens: null,
    reasoning_summary: null,
    reasoning_history: null,
    response_schema: null,
    extra_body: null,
    batch: null,
  };
}

function modelUsage(usage: Usage): Json {
  return {
    input_tokens: usage.inputTokens,
    output_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
    input_tokens_cache_write: null,
    input_tokens_cache_read: null,
    reasoning_tokens: null,
  };
}

function toolCall(call: ToolCall): Json {
  return {
    id: call.id,
    function: call.name,
    arguments: call.arguments,
    parse_error: null,
    view: null,
    type: "function",
  };
}

/** A transcript message as Inspect's ChatMessage (`source` says whether it came from the input or the model). */
function chatMessage(message: TranscriptMessage | ChatMessage, model: string, source: "input" | "generate"): Json {
  const base = { id: null, content: message.content, source, metadata: null };
  switch (message.role) {
    case "system":
      return { ...base, role: "system" };
    case "user":
      return { ...base, role: "user", tool_call_id: null };
    case "assistant": {
      const calls = message.toolCalls ?? [];
      return { ...base, role: "assistant", tool_calls: calls.length > 0 ? calls.map(toolCall) : null, model };
    }
    case "tool":
      return {
        ...base,
        source: null,
        metadata: "exitCode" in message ? { exit_code: message.exitCode, truncated: message.truncated } : null,
        role: "tool",
        tool_call_id: message.toolCallId,
        function: message.name,
        error: null,
      };
  }
}

/** Inspect's stop reasons name a length stop `max_tokens`. */
const STOP_REASONS: Record<ModelOutput["stopReason"], string> = {
  stop: "stop",
  length: "max_tokens",
  tool_calls: "tool_calls",
  content_filter: "content_filter",
  unknown: "unknown",
};

function modelOutput(model: string, last: ModelOutput | undefined, error: string | null): Json {
  return {
    model,
    choices: last
      ? [
          {
            message: chatMessage(last.message, model, "generate"),
            stop_reason: STOP_REASONS[last.stopReason],
            logprobs: null,
          },
        ]
      : [],
    completion: last?.message.content ?? "",
    usage: last ? modelUsage(last.usage) : null,
    time: last ? last.latencyMs / 1000 : null,
    metadata: null,
    error,
  };
}

function score(value: Score): Json {
  return {
    history: [],
    value: value.value,
    answer: value.answer ?? null,
    explanation: value.explanation ?? null,
    metadata: value.refused !== undefined ? { refused: value.refused } : {},
  };
}

/** Inspect's limit kinds: aicc's turn limit has no Inspect counterpart (its message limit counts messages). */
const LIMIT_TYPES = { tokens: "token", time: "working", turns: "custom" } as const;

function limitValue(spec: RunSpec, limit: keyof typeof LIMIT_TYPES): number {
  const limits = { tokens: spec.limits.maxTokens, time: spec.limits.wallTimeSeconds, turns: spec.limits.maxTurns };
  return limits[limit] ?? 0;
}

function metricsOf(summary: ScorerSummary): Json {
  const accuracy = summary.accuracy;
  if (!accuracy) return {};
  const metric = (name: string, value: number) => ({ name, value, params: {}, metadata: null });
  return {
    accuracy: metric("accuracy", accuracy.mean),
    ...(accuracy.stderr !== null ? { stderr: metric("stderr", accuracy.stderr) } : {}),
  };
}

/**
 * The Inspect eval log of `log`. `scorers` are the run's results (as the viewer computes them, so
 * both agree); `task` is the task's definition when this process knows it (for the plan's solver).
 */
export function toInspectLog(log: RunLog, scorers: readonly ScorerSummary[], task: TaskDefinition | undefined): Json {
  const { spec } = log.run;
  const model = spec.model.id;
  const config = generateConfig(spec.model.config, spec);
  const usage = log.samples.reduce(
    (sum, s) => ({
      inputTokens: sum.inputTokens + (s.usage?.inputTokens ?? 0),
      outputTokens: sum.outputTokens + (s.usage?.outputTokens ?? 0),
    }),
    { inputTokens: 0, outputTokens: 0 },
  );
  const scored = scorers[0]?.accuracy?.n ?? 0;
  return {
    version: 2,
    status: log.run.status === "done" ? "success" : "started",
    eval: {
      eval_set_id: null,
      eval_id: log.run.id,
      run_id: log.run.id,
      created: log.run.createdAt,
      task: spec.task.name,
      task_id: spec.task.hash,
      // A task's version in aicc is the digest of everything that decides its scores.
      task_version: spec.task.hash,
      task_file: null,
      task_display_name: spec.task.name,
      task_registry_name: null,
      task_attribs: {},
      task_args: {},
      task_args_passed: {},
      solver: null,
      solver_args: null,
      tags: null,
      dataset: {
        name: spec.dataset.name,
        location: spec.dataset.path ?? null,
        samples: spec.dataset.samples,
        sample_ids: [...new Set(log.samples.map((s) => s.sample.id))],
        shuffled: false,
      },
      sandbox: task?.sandbox ? { type: "aicc-bubblewrap", config: null } : null,
      model,
      model_generate_config: config,
      model_base_url: spec.model.baseUrl ?? null,
      model_args: {},
      model_roles: null,
      config: {
        limit: spec.limit ?? null,
        sample_id: null,
        sample_shuffle: null,
        epochs: spec.epochs,
        epochs_reducer: spec.epochs > 1 ? ["mean"] : null,
        approval: null,
        fail_on_error: false,
        continue_on_fail: null,
        retry_on_error: spec.maxAttempts - 1,
        message_limit: null,
        token_limit: spec.limits.maxTokens ?? null,
        time_limit: null,
        working_limit: spec.limits.wallTimeSeconds !== undefined ? Math.ceil(spec.limits.wallTimeSeconds) : null,
        max_samples: spec.maxConnections,
        max_tasks: null,
        max_subprocesses: null,
        max_sandboxes: null,
        sandbox_cleanup: null,
        log_samples: true,
        log_realtime: null,
        log_images: null,
        log_buffer: null,
        log_shared: null,
        score_display: null,
      },
      revision: spec.gitRevision ? { type: "git", origin: "", commit: spec.gitRevision } : null,
      packages: { aicc: spec.packageVersion },
      metadata: { aicc: { datasetHash: spec.dataset.hash, limits: spec.limits, maxAttempts: spec.maxAttempts } },
      scorers: spec.task.scorers.map((name) => ({
        name,
        options: null,
        metrics: [
          { name: "accuracy", options: null },
          { name: "stderr", options: null },
        ],
        metadata: null,
      })),
      metrics: null,
    },
    plan: {
      name: "plan",
      steps: task ? [{ solver: task.solver().name, params: {} }] : [],
      finish: null,
      config,
    },
    results: {
      total_samples: log.samples.length,
      completed_samples: scored,
      scores: scorers.map((summary) => ({
        name: summary.scorer,
        scorer: summary.scorer,
        reducer: spec.epochs > 1 ? "mean" : null,
        scored_samples: summary.accuracy?.n ?? 0,
        unscored_samples: log.samples.length - (summary.accuracy?.n ?? 0),
        params: {},
        metrics: metricsOf(summary),
        metadata: summary.accuracy
          ? { ci95: summary.accuracy.ci95, interval: summary.accuracy.interval, wilson95: summary.wilson95 }
          : null,
      })),
      metadata: null,
    },
    stats: {
      started_at: log.run.createdAt,
      completed_at: log.run.finishedAt ?? "",
      model_usage: { [model]: modelUsage(usage) },
    },
    error: null,
    samples: log.samples.map((record) => {
      const { sample } = record;
      const lastOutput = record.events.flatMap(({ event }) => (event.type === "model" ? [event.output] : [])).at(-1);
      const input =
        typeof sample.input === "string" ? sample.input : sample.input.map((m) => chatMessage(m, model, "input"));
      const inputCount = typeof sample.input === "string" ? 1 : sample.input.length;
      const messages = transcriptMessages(sample.input, record.events);
      const seconds = record.durationMs === null ? null : record.durationMs / 1000;
      return {
        id: sample.id,
        epoch: record.epoch,
        input,
        choices: sample.choices,
        target: sample.target,
        sandbox: null,
        files: sample.files.length > 0 ? sample.files : null,
        setup: null,
        messages: messages.map((m, i) => chatMessage(m, model, i < inputCount ? "input" : "generate")),
        output: modelOutput(model, lastOutput, record.status === "error" ? record.errorMessage : null),
        scores: record.score
          ? Object.fromEntries(Object.entries(record.score).map(([name, s]) => [name, score(s)]))
          : null,
        metadata: {
          ...sample.metadata,
          ...(sample.category !== null ? { category: sample.category } : {}),
          ...(sample.cluster !== null ? { cluster: sample.cluster } : {}),
        },
        store: {},
        events: [],
        model_usage: record.usage ? { [model]: modelUsage(record.usage) } : {},
        total_time: seconds,
        working_time: seconds,
        uuid: null,
        error:
          record.status === "error"
            ? {
                message: `${record.errorKind ?? "infrastructure"}: ${record.errorMessage ?? ""}`,
                traceback: "",
                traceback_ansi: "",
              }
            : null,
        error_retries: null,
        attachments: {},
        limit: record.limit ? { type: LIMIT_TYPES[record.limit], limit: limitValue(spec, record.limit) } : null,
      };
    }),
  };
}
