import type { ColumnType } from "kysely";
import type { Json } from "../../platform/db/schema.ts";

/** Kysely types of the case tables (migrations/0006_clearinghouse_cases.sql). Only store.ts uses them. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type TextArray = ColumnType<string[], string[] | undefined, string[]>;
type Flag = ColumnType<boolean, boolean | undefined, boolean>;

export interface CasesTable {
  id: string;
  title: string;
  summary: string;
  status: ColumnType<string, string | undefined, string>;
  tlp: string;
  vendor_aware: Flag;
  fix_ready: Flag;
  fix_deployed: Flag;
  public_aware: Flag;
  exploit_public: Flag;
  attacks_observed: Flag;
  embargo_state: ColumnType<string, string | undefined, string>;
  embargo_ends_at: NullableTimestamp;
  embargo_proposed_ends_at: NullableTimestamp;
  embargo_exited_reason: string | null;
  ssvc_outcome: string | null;
  created_by: string;
  published_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CaseReportsTable {
  case_id: string;
  report_id: string;
  duplicate: boolean;
  shared: boolean;
  linked_at: Timestamp;
}

export interface CaseParticipantsTable {
  case_id: string;
  org_id: string;
  role: string;
  report_state: string;
  added_by: string | null;
  added_at: Timestamp;
}

export interface CaseVulnerabilitiesTable {
  id: string;
  case_id: string;
  report_id: string | null;
  title: string;
  description: string;
  cve_id: string | null;
  cwes: TextArray;
  cvss: Json<unknown[]>;
  affected: Json<unknown[]>;
  advisory_id: string | null;
  created_at: Timestamp;
}

export interface CaseStatementsTable {
  case_id: string;
  vulnerability_id: string;
  vendor_org_id: string;
  product: string;
  status: string;
  justification: string | null;
  impact_statement: string | null;
  action_statement: string | null;
  fixed_versions: TextArray;
  workarounds: string;
  updated_by: string;
  updated_at: Timestamp;
}

export interface CaseMessagesTable {
  id: string;
  case_id: string;
  author_user_id: string;
  author_org_id: string;
  body: string;
  visibility: string;
  created_at: Timestamp;
}

export interface CaseEventsTable {
  id: string;
  case_id: string;
  at: Timestamp;
  actor_user_id: string | null;
  kind: string;
  summary: string;
  visibility: string;
  org_id: string | null;
  details: ColumnType<Record<string, unknown>, string | undefined, string>;
}

/** The case tables, joined into the one `Database` type in platform/db/schema.ts. */
export interface CaseTables {
  cases: CasesTable;
  case_reports: CaseReportsTable;
  case_participants: CaseParticipantsTable;
  case_vulnerabilities: CaseVulnerabilitiesTable;
  case_statements: CaseStatementsTable;
  case_messages: CaseMessagesTable;
  case_events: CaseEventsTable;
}
