import type { Db } from "../../platform/db/database.ts";
import type { Page } from "../../platform/db/pagination.ts";
import { conflict, notFound } from "../../platform/errors/errors.ts";
import type { Principal } from "../../platform/identity/model.ts";
import { authorize } from "../../platform/identity/service.ts";
import {
  canListEvaluationRuns,
  canReadRunResults,
  canReadRunTranscripts,
  type EvaluationRunFacts,
} from "../../platform/policy/index.ts";
import type { ChatMessage, Sample } from "../model.ts";
import { isBinary } from "../stats/descriptive.ts";
import {
  byCategory,
  clusteredBootstrap,
  type Estimate,
  estimate,
  NO_CATEGORY,
  type Observation,
  wilsonInterval,
} from "../stats/index.ts";
import { compareRuns, observationsOf, runResults } from "./results.ts";
import { getRun, getSample, listEvents, listSamples, type RunRecord, type SampleRecord } from "./store.ts";
import type {
  EstimateView,
  LoggedEvent,
  RunDetail,
  RunListQuery,
  RunLog,
  RunSummary,
  SampleListQuery,
  SampleSummary,
  SampleTranscript,
  SampleView,
  ScorerSummary,
  ToolCallRecord,
  TranscriptMessage,
} from "./viewer-model.ts";
import { listRunPage, listSamplePage, primaryObservations, statusCounts } from "./viewer-store.ts";

/** An estimate as JSON: a standard error that does not exist (fewer than two clusters) is null. */
function estimateView(e: Estimate): EstimateView {
  return {
    n: e.n,
    clusters: e.clusters,
    mean: e.mean,
    stderr: Number.isNaN(e.stderr) ? null : e.stderr,
    ci95: e.ci95,
    interval: e.interval,
  };
}

/** One scorer's results: the engine's estimate, Wilson for 0/1 scores, the by-category bootstrap, the breakdown. */
export function scorerSummary(scorer: string, observations: readonly Observation[]): ScorerSummary {
  if (observations.length === 0)
    return { scorer, accuracy: null, wilson95: null, categoryBootstrap: null, byCategory: [] };
  const values = observations.map((o) => o.value);
  const categories = new Set(observations.map((o) => o.category ?? NO_CATEGORY));
  const byCategoryCluster = observations.map((o) => ({ ...o, cluster: o.category ?? NO_CATEGORY }));
  const bootstrap = categories.size >= 2 ? clusteredBootstrap(byCategoryCluster) : null;
  return {
    scorer,
    accuracy: estimateView(estimate(observations)),
    wilson95: isBinary(values) ? wilsonInterval(values.filter((v) => v === 1).length, values.length) : null,
    categoryBootstrap: bootstrap && { clusters: categories.size, stderr: bootstrap.stderr, ci95: bootstrap.ci95 },
    byCategory: byCategory(observations).map(({ category, ...e }) => ({ category, ...estimateView(e) })),
  };
}

/** Every scorer's summary of a run's stored samples. */
export function scorerSummaries(run: RunRecord, samples: readonly SampleRecord[]): ScorerSummary[] {
  return run.spec.task.scorers.map((scorer) => scorerSummary(scorer, observationsOf(samples, scorer)));
}

/** A sample without its host file paths. */
export function sampleView(sample: Sample): SampleView {
  return {
    id: sample.id,
    input: sample.input,
    choices: sample.choices ?? null,
    target: sample.target,
    category: sample.category ?? null,
    cluster: sample.cluster ?? null,
    metadata: sample.metadata,
    files: Object.keys(sample.files ?? {}),
  };
}

/** The conversation of a sample's final attempt: its input, then each model answer and tool result. */
export function transcriptMessages(input: Sample["input"], events: readonly LoggedEvent[]): TranscriptMessage[] {
  const lastAttempt = Math.max(0, ...events.map((e) => e.attempt));
  const inputMessages: ChatMessage[] = typeof input === "string" ? [{ role: "user", content: input }] : input;
  const messages: TranscriptMessage[] = inputMessages.map((message) =>
    message.role === "assistant"
      ? { role: "assistant", content: message.content, toolCalls: message.toolCalls ?? [] }
      : message.role === "tool"
        ? { ...message, exitCode: null, truncated: false }
        : message,
  );
  for (const { attempt, event } of events) {
    if (attempt !== lastAttempt) continue;
    if (event.type === "model")
      messages.push({
        role: "assistant",
        content: event.output.message.content,
        toolCalls: event.output.message.toolCalls ?? [],
      });
    if (event.type === "tool")
      messages.push({
        role: "tool",
        toolCallId: event.call.id,
        name: event.call.name,
        content: event.output,
        exitCode: event.exitCode ?? null,
        truncated: event.truncated,
      });
  }
  return messages;
}

function toolCallsOf(events: readonly LoggedEvent[]): ToolCallRecord[] {
  return events.flatMap(({ event }) =>
    event.type === "tool"
      ? [
          {
            call: event.call,
            output: event.output,
            exitCode: event.exitCode ?? null,
            truncated: event.truncated,
            durationMs: event.durationMs,
            at: event.at,
          },
        ]
      : [],
  );
}

/** What the policy needs of a run. Engagement developers come with the framework module; until then none is known. */
function runFacts(run: RunRecord): EvaluationRunFacts {
  return { engagementId: run.engagementId, developerOrgId: null };
}

function summaryOf(
  run: RunRecord,
  counts: { done: number; error: number; total: number },
  accuracy: EstimateView | null,
): RunSummary {
  return {
    id: run.id,
    task: run.spec.task.name,
    model: run.spec.model.id,
    status: run.status,
    engagementId: run.engagementId,
    done: counts.done + counts.error,
    total: counts.total,
    errors: counts.error,
    scorer: run.spec.task.scorers[0] ?? "",
    accuracy,
    createdAt: run.createdAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
  };
}

/**
 * The complete log of a run: spec, every (sample, epoch) with its outcome and events. For the local
 * operator's export (the CLI holds the database); signed-in callers go through `EvaluationViewer.runLog`.
 */
export async function loadRunLog(db: Db, runId: string): Promise<RunLog> {
  const run = await getRun(db, runId);
  if (!run) throw notFound(`run ${runId}`);
  const [samples, events] = await Promise.all([listSamples(db, runId), listEvents(db, runId)]);
  const eventsOf = new Map<string, LoggedEvent[]>();
  for (const { sampleId, epoch, seq, attempt, event } of events) {
    const key = `${sampleId}#${epoch}`;
    const list = eventsOf.get(key) ?? [];
    list.push({ seq, attempt, event });
    eventsOf.set(key, list);
  }
  return {
    format: "aicc-eval-log",
    version: 1,
    run: {
      id: run.id,
      status: run.status,
      engagementId: run.engagementId,
      createdAt: run.createdAt.toISOString(),
      finishedAt: run.finishedAt?.toISOString() ?? null,
      spec: run.spec,
    },
    samples: samples.map((record) => ({
      sample: sampleView(record.sample),
      epoch: record.epoch,
      status: record.status,
      score: record.score,
      answer: record.answer,
      errorKind: record.errorKind,
      errorMessage: record.errorMessage,
      limit: record.limit,
      usage: record.usage,
      attempts: record.attempts,
      durationMs: record.durationMs,
      events: eventsOf.get(`${record.sampleId}#${record.epoch}`) ?? [],
    })),
  };
}

/**
 * The evaluation viewer: runs with their scores and intervals, samples, transcripts, the run log
 * and paired comparisons, each read through the policy module. Runs a caller may not read answer
 * 404 (their ids are not confirmed); transcripts of a run whose aggregates they may read, 403.
 */
export class EvaluationViewer {
  constructor(private readonly db: Db) {}

  private async readable(actor: Principal, runId: string): Promise<RunRecord> {
    const run = await getRun(this.db, runId);
    if (!run || !canReadRunResults(actor, runFacts(run)).allow) throw notFound(`run ${runId}`);
    return run;
  }

  private async withTranscripts(actor: Principal, runId: string): Promise<RunRecord> {
    const run = await this.readable(actor, runId);
    authorize(canReadRunTranscripts(actor, runFacts(run)));
    return run;
  }

  /** Runs, newest first, each with its progress and its primary score's 95% interval. */
  async listRuns(actor: Principal, query: RunListQuery): Promise<Page<RunSummary>> {
    authorize(canListEvaluationRuns(actor));
    const { runs, nextCursor } = await listRunPage(this.db, query);
    const ids = runs.map((run) => run.id);
    const [counts, observations] = await Promise.all([statusCounts(this.db, ids), primaryObservations(this.db, ids)]);
    const items = runs.map((run) => {
      const c = counts.get(run.id) ?? { pending: 0, running: 0, done: 0, error: 0 };
      const scored = observations.get(run.id) ?? [];
      return summaryOf(
        run,
        { done: c.done, error: c.error, total: c.pending + c.running + c.done + c.error },
        scored.length > 0 ? estimateView(estimate(scored)) : null,
      );
    });
    return { items, nextCursor };
  }

  /** A run's spec and results: every scorer with its intervals and categories, errors by kind, tokens. */
  async getRun(actor: Principal, runId: string): Promise<RunDetail> {
    const run = await this.readable(actor, runId);
    const [results, samples] = await Promise.all([runResults(this.db, runId), listSamples(this.db, runId)]);
    const scorers = scorerSummaries(run, samples);
    const errored = Object.values(results.errors).reduce((a, b) => a + b, 0);
    const full = canReadRunTranscripts(actor, runFacts(run)).allow;
    const categories = [...new Set(samples.flatMap((s) => (s.sample.category ? [s.sample.category] : [])))].sort();
    return {
      ...summaryOf(
        results.run,
        { done: results.total - results.open - errored, error: errored, total: results.total },
        scorers[0]?.accuracy ?? null,
      ),
      spec: full ? run.spec : { ...run.spec, dataset: { ...run.spec.dataset, path: undefined } },
      scored: results.scored,
      open: results.open,
      errorsByKind: results.errors,
      limits: results.limits,
      refusals: results.refusals,
      tokens: results.tokens,
      scorers,
      categories,
      access: full ? "full" : "aggregates",
    };
  }

  /** A page of a run's (sample, epoch)s, filterable by outcome under the primary scorer and by category. */
  async listSamples(actor: Principal, runId: string, query: SampleListQuery): Promise<Page<SampleSummary>> {
    const run = await this.withTranscripts(actor, runId);
    return listSamplePage(this.db, runId, run.spec.task.scorers[0] ?? "", query);
  }

  /** One (sample, epoch): messages, tool calls with the sandbox's output, scores, every event in order. */
  async getSample(actor: Principal, runId: string, sampleId: string, epoch: number): Promise<SampleTranscript> {
    const run = await this.withTranscripts(actor, runId);
    const record = await getSample(this.db, runId, sampleId, epoch);
    if (!record) throw notFound(`sample ${sampleId} epoch ${epoch} of run ${runId}`);
    const events: LoggedEvent[] = (await listEvents(this.db, runId, { sampleId, epoch })).map(
      ({ seq, attempt, event }) => ({ seq, attempt, event }),
    );
    return {
      run: { id: run.id, task: run.spec.task.name, model: run.spec.model.id, scorer: run.spec.task.scorers[0] ?? "" },
      sample: sampleView(record.sample),
      epoch: record.epoch,
      status: record.status,
      answer: record.answer,
      scores: record.score ?? {},
      error:
        record.status === "error"
          ? { kind: record.errorKind ?? "infrastructure", message: record.errorMessage ?? "" }
          : null,
      limit: record.limit,
      usage: record.usage,
      attempts: record.attempts,
      durationMs: record.durationMs,
      messages: transcriptMessages(record.sample.input, events),
      toolCalls: toolCallsOf(events),
      events,
    };
  }

  /** The run log for download: spec, samples, outcomes and events. */
  async runLog(actor: Principal, runId: string): Promise<RunLog> {
    await this.withTranscripts(actor, runId);
    return loadRunLog(this.db, runId);
  }

  /** Paired comparison of run A against run B on the samples both scored. */
  async compare(actor: Principal, runA: string, runB: string) {
    authorize(canListEvaluationRuns(actor));
    const [a, b] = [await this.readable(actor, runA), await this.readable(actor, runB)];
    if (a.spec.task.scorers[0] !== b.spec.task.scorers[0])
      throw conflict(`the runs are scored differently (${a.spec.task.scorers[0]} vs ${b.spec.task.scorers[0]})`);
    try {
      return await compareRuns(this.db, runA, runB);
    } catch (error) {
      // The statistics refuse runs without a scored sample in common.
      if (error instanceof RangeError) throw conflict(error.message);
      throw error;
    }
  }
}
