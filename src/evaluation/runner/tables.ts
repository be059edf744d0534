import type { ColumnType, Generated } from "kysely";

/** Table types of the evaluation runner (migration 0005_evaluation_runs.sql), joined into `Database`. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** jsonb: read as a value, written as JSON text. */
type Json<T = unknown> = ColumnType<T, string, string>;
type NullableJson<T = unknown> = ColumnType<T | null, string | null | undefined, string | null>;

export interface EvalRunsTable {
  id: string;
  spec: Json;
  status: Generated<"running" | "done">;
  engagement_id: string | null;
  created_at: Timestamp;
  finished_at: NullableTimestamp;
}

export interface EvalSamplesTable {
  run_id: string;
  sample_id: string;
  epoch: number;
  sample: Json;
  status: Generated<"pending" | "running" | "done" | "error">;
  score: NullableJson;
  answer: string | null;
  error_kind: "infrastructure" | "model" | "limit" | "scorer" | null;
  error_message: string | null;
  limit_hit: "tokens" | "turns" | "time" | null;
  usage: NullableJson;
  attempts: Generated<number>;
  started_at: NullableTimestamp;
  finished_at: NullableTimestamp;
  duration_ms: number | null;
}

export interface EvalEventsTable {
  run_id: string;
  sample_id: string;
  epoch: number;
  seq: number;
  attempt: number;
  type: string;
  payload: Json;
  at: Timestamp;
}

export interface EvalModelCallsTable {
  run_id: string;
  key: string;
  sample_id: string;
  epoch: number;
  output: Json;
  created_at: Timestamp;
}

export interface EvaluationRunTables {
  eval_runs: EvalRunsTable;
  eval_samples: EvalSamplesTable;
  eval_events: EvalEventsTable;
  eval_model_calls: EvalModelCallsTable;
}
