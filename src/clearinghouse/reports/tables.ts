import type { ColumnType } from "kysely";
import type { Json } from "../../platform/db/schema.ts";

/** Kysely types of the report tables (migrations/0004_clearinghouse_reports.sql). Only store.ts uses them. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type TextArray = ColumnType<string[], string[] | undefined, string[]>;
type NullableJson<T = unknown> = ColumnType<T | null, string | null | undefined, string | null>;

export interface ReportsTable {
  id: string;
  reporter_user_id: string;
  reporter_org_id: string;
  title: string;
  description: string;
  affected: Json<unknown[]>;
  package_keys: TextArray;
  cwes: TextArray;
  cve_ids: TextArray;
  cvss: Json<unknown[]>;
  cvss_score: number | null;
  impact: string;
  reproduction: string;
  disclosure: Json<Record<string, unknown>>;
  credit: NullableJson<Record<string, unknown>>;
  provenance_kind: string;
  provenance: Json<Record<string, unknown>>;
  status: string;
  completeness: number;
  missing: TextArray;
  ssvc: NullableJson<Record<string, unknown>>;
  triage_rank: ColumnType<number, number | undefined, number>;
  kev: NullableJson<unknown[]>;
  in_kev: ColumnType<boolean, boolean | undefined, boolean>;
  tlp: string;
  stack: NullableJson<Record<string, unknown>>;
  fingerprint: string | null;
  evidence: NullableJson<Record<string, unknown>>;
  duplicate_of: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ReportAttachmentsTable {
  report_id: string;
  sha256: string;
  filename: string;
  size: number;
  media_type: string;
  uploaded_by: string;
  created_at: Timestamp;
}

export interface ReportEventsTable {
  id: string;
  report_id: string;
  at: Timestamp;
  actor_user_id: string | null;
  kind: "submitted" | "transition" | "attachment" | "merged" | "duplicate_received";
  from_status: string | null;
  to_status: string | null;
  note: ColumnType<string, string | undefined, string>;
  details: ColumnType<Record<string, unknown>, string | undefined, string>;
}

/** Dedup's inverted index (migrations/0010_clearinghouse_dedup.sql): a report's distinct lexemes. */
export interface ReportDedupTermsTable {
  report_id: string;
  terms: string[];
}

/** Document frequency per lexeme; the row with term '' counts the indexed reports. */
export interface ReportDedupStatsTable {
  term: string;
  df: number;
}

/** The report tables, joined into the one `Database` type in platform/db/schema.ts. */
export interface ReportTables {
  reports: ReportsTable;
  report_attachments: ReportAttachmentsTable;
  report_events: ReportEventsTable;
  report_dedup_terms: ReportDedupTermsTable;
  report_dedup_stats: ReportDedupStatsTable;
}
