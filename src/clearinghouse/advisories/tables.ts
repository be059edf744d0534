import type { ColumnType, Generated } from "kysely";
import type { Json } from "../../platform/db/schema.ts";

/** Kysely types of the advisory tables (migrations/0003_clearinghouse_advisories.sql). Only store.ts uses them. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type TextArray = ColumnType<string[], string[] | undefined, string[]>;

export interface AdvisoriesTable {
  id: string;
  source: "import:osv" | "import:csaf" | "import:cve5" | "case";
  source_id: string;
  case_id: string | null;
  osv_id: string | null;
  aliases: TextArray;
  cve_id: string | null;
  title: string;
  summary: string;
  severity: string | null;
  cvss_score: number | null;
  tlp: string;
  recipients: TextArray;
  revision: Generated<number>;
  published_at: Timestamp;
  modified_at: Timestamp;
  withdrawn_at: NullableTimestamp;
  formats: string[];
  documents: Json<Record<string, unknown>>;
  content_hash: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AdvisoryPackagesTable {
  advisory_id: string;
  idx: number;
  ecosystem: string | null;
  name: string | null;
  normalized_name: string | null;
  purl: string | null;
  commits: TextArray;
  affected: Json<Record<string, unknown>>;
}

export interface AdvisoryCountersTable {
  year: number;
  last: number;
}

export interface KevEntriesTable {
  cve_id: string;
  vendor: string;
  product: string;
  name: string;
  description: string;
  required_action: string;
  /** YYYY-MM-DD. */
  date_added: string;
  due_date: string | null;
  known_ransomware: boolean;
  notes: string;
  cwes: TextArray;
  content_hash: string;
  updated_at: Timestamp;
}

/** The advisory tables, joined into the one `Database` type in platform/db/schema.ts. */
export interface AdvisoryTables {
  advisories: AdvisoriesTable;
  advisory_packages: AdvisoryPackagesTable;
  advisory_counters: AdvisoryCountersTable;
  kev_entries: KevEntriesTable;
}
