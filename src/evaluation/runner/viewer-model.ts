import { z } from "zod";
import { PageQuery } from "../../platform/db/pagination.ts";
import type { ChatMessage, SampleEvent, Score, ToolCall, Usage } from "../model.ts";
import type { RunSpec } from "./run-spec.ts";
import type { ErrorKind, SampleStatus } from "./store.ts";

/**
 * The evaluation viewer's vocabulary: query schemas of its routes and the shapes it answers with.
 * Times are ISO strings, so these types are the wire types too (the web app imports them as types).
 */

export const RunListQuery = PageQuery.extend({ limit: z.coerce.number().int().min(1).max(200).default(50) });
export type RunListQuery = z.infer<typeof RunListQuery>;

/** `correct`: scored 1 by the run's primary scorer; `incorrect`: scored below 1; `error`: not scored. */
export const SampleOutcomeFilter = z.enum(["correct", "incorrect", "error"]);
export type SampleOutcomeFilter = z.infer<typeof SampleOutcomeFilter>;

export const SampleListQuery = PageQuery.extend({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  score: SampleOutcomeFilter.optional(),
  category: z.string().min(1).max(200).optional(),
});
export type SampleListQuery = z.infer<typeof SampleListQuery>;

export const RunParams = z.object({ id: z.string().min(1).max(40) });
export const SampleParams = RunParams.extend({
  sampleId: z.string().min(1).max(200),
  epoch: z.coerce.number().int().positive(),
});
export const CompareQuery = z.object({ a: z.string().min(1).max(40), b: z.string().min(1).max(40) });

/** A mean score with its uncertainty, as JSON (a standard error of fewer than two clusters is null). */
export interface EstimateView {
  n: number;
  clusters: number;
  mean: number;
  stderr: number | null;
  ci95: [number, number];
  interval: "wilson" | "clustered-bootstrap" | "normal";
}

/** One scorer's results over a run's scored (sample, epoch)s. */
export interface ScorerSummary {
  scorer: string;
  /** The engine's estimate: Wilson for independent 0/1 scores, clustered bootstrap for clusters or epochs. */
  accuracy: EstimateView | null;
  /** The Wilson 95% interval over every scored observation, for 0/1 scores. */
  wilson95: [number, number] | null;
  /** Clustered bootstrap with the categories as clusters, when there are at least two. */
  categoryBootstrap: { clusters: number; stderr: number; ci95: [number, number] } | null;
  byCategory: ({ category: string } & EstimateView)[];
}

/** A row of the runs list. */
export interface RunSummary {
  id: string;
  task: string;
  model: string;
  status: "running" | "done";
  engagementId: string | null;
  /** (sample, epoch)s finished (scored or errored), and in all. */
  done: number;
  total: number;
  errors: number;
  /** The primary scorer and its accuracy with the 95% interval (null before anything is scored). */
  scorer: string;
  accuracy: EstimateView | null;
  createdAt: string;
  finishedAt: string | null;
}

/** A run's page: its spec, results per scorer, error counts by kind, tokens. */
export interface RunDetail extends RunSummary {
  spec: RunSpec;
  scored: number;
  open: number;
  errorsByKind: Record<string, number>;
  limits: Record<string, number>;
  refusals: number;
  tokens: { input: number; output: number };
  scorers: ScorerSummary[];
  /** Categories of the run's samples, for the samples filter. */
  categories: string[];
  /** What the caller may open: `full` (samples, transcripts, log) or `aggregates` (this page only). */
  access: "full" | "aggregates";
}

/** A row of a run's samples list. */
export interface SampleSummary {
  sampleId: string;
  epoch: number;
  category: string | null;
  status: SampleStatus;
  /** The primary scorer's value. */
  value: number | null;
  answer: string | null;
  target: string | string[];
  errorKind: ErrorKind | null;
  limit: "tokens" | "turns" | "time" | null;
  tokens: number;
  durationMs: number | null;
}

/** One message of a transcript, rebuilt from the sample's input and its logged events. */
export type TranscriptMessage =
  | { role: "system" | "user"; content: string }
  | { role: "assistant"; content: string; toolCalls: ToolCall[] }
  | { role: "tool"; toolCallId: string; name: string; content: string; exitCode: number | null; truncated: boolean };

/** A tool call with what the sandbox gave back (stdout and stderr interleaved, then the exit code). */
export interface ToolCallRecord {
  call: ToolCall;
  output: string;
  exitCode: number | null;
  truncated: boolean;
  durationMs: number;
  at: string;
}

/** A sample as shown and exported: its files by name only (the host paths stay on the host). */
export interface SampleView {
  id: string;
  input: string | ChatMessage[];
  choices: string[] | null;
  target: string | string[];
  category: string | null;
  cluster: string | null;
  metadata: Record<string, unknown>;
  files: string[];
}

export interface LoggedEvent {
  seq: number;
  attempt: number;
  event: SampleEvent;
}

/** One (sample, epoch) with everything that happened to it. */
export interface SampleTranscript {
  run: { id: string; task: string; model: string; scorer: string };
  sample: SampleView;
  epoch: number;
  status: SampleStatus;
  answer: string | null;
  scores: Record<string, Score>;
  error: { kind: ErrorKind; message: string } | null;
  limit: "tokens" | "turns" | "time" | null;
  usage: Usage | null;
  attempts: number;
  durationMs: number | null;
  /** The final attempt's conversation. */
  messages: TranscriptMessage[];
  toolCalls: ToolCallRecord[];
  /** Every attempt's events, in order. */
  events: LoggedEvent[];
}

/** The downloadable run log (`aicc eval export --format aicc`, GET /api/eval/runs/:id/log). */
export interface RunLog {
  format: "aicc-eval-log";
  version: 1;
  run: {
    id: string;
    status: "running" | "done";
    engagementId: string | null;
    createdAt: string;
    finishedAt: string | null;
    spec: RunSpec;
  };
  samples: {
    sample: SampleView;
    epoch: number;
    status: SampleStatus;
    score: Record<string, Score> | null;
    answer: string | null;
    errorKind: ErrorKind | null;
    errorMessage: string | null;
    limit: "tokens" | "turns" | "time" | null;
    usage: Usage | null;
    attempts: number;
    durationMs: number | null;
    events: LoggedEvent[];
  }[];
}
