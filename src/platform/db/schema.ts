import type { ColumnType, Generated, Insertable, Selectable } from "kysely";
import type { AdvisoryTables } from "../../clearinghouse/advisories/tables.ts";
import type { CaseTables } from "../../clearinghouse/cases/tables.ts";
import type { CveIdTables } from "../../clearinghouse/cve-ids/tables.ts";
import type { ReportTables } from "../../clearinghouse/reports/tables.ts";
import type { EvaluationRunTables } from "../../evaluation/runner/tables.ts";
import type { NotificationTables } from "../notifications/tables.ts";

/**
 * Table types for Kysely. Each module declares its own tables in its `tables.ts`; this file joins them
 * into the one `Database` type. Modules still only touch their own tables (through their store).
 */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** jsonb: read as a value, written as JSON text (the same on pg and PGlite). */
export type Json<T = unknown> = ColumnType<T, string, string>;

export interface MigrationsTable {
  name: string;
  checksum: string;
  applied_at: Generated<Date>;
}

export interface OrgsTable {
  id: string;
  name: string;
  kind: string;
  sectors: ColumnType<string[], string[] | undefined, string[]>;
  created_at: Timestamp;
}

export interface UsersTable {
  id: string;
  org_id: string;
  email: string;
  display_name: string;
  password_hash: string | null;
  roles: ColumnType<string[], string[] | undefined, string[]>;
  clearance: string;
  demo: ColumnType<boolean, boolean | undefined, boolean>;
  disabled_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  scopes: string[];
  created_at: Timestamp;
  expires_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
  last_used_at: NullableTimestamp;
}

export interface RateLimitsTable {
  key: string;
  window_start: Timestamp;
  count: number;
}

export interface AuditLogTable {
  seq: number;
  id: string;
  at: Timestamp;
  actor_id: string | null;
  actor_org_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string;
  before_digest: string | null;
  after_digest: string | null;
  details: Json<Record<string, unknown>>;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  singleton: Generated<boolean>;
  seq: number;
  hash: string;
}

export interface JobsTable {
  id: string;
  queue: string;
  payload: Json;
  priority: Generated<number>;
  state: Generated<"queued" | "running" | "done" | "dead">;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  run_at: Timestamp;
  lease_owner: string | null;
  lease_until: NullableTimestamp;
  idempotency_key: string | null;
  last_error: string | null;
  result: ColumnType<unknown, string | null, string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
  finished_at: NullableTimestamp;
}

export interface BlobsTable {
  sha256: string;
  size: number;
  media_type: string;
  content: Uint8Array;
  created_at: Timestamp;
}

export interface SecretsTable {
  id: string;
  owner_org_id: string | null;
  name: string;
  envelope: Json;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SigningKeysTable {
  id: string;
  purpose: string;
  public_key: string;
  private_envelope: Json;
  created_at: Timestamp;
  retired_at: NullableTimestamp;
}

export interface InstanceSettingsTable {
  key: string;
  value: Json;
  updated_at: Timestamp;
}

export interface PlatformTables {
  aicc_migrations: MigrationsTable;
  orgs: OrgsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  rate_limits: RateLimitsTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  jobs: JobsTable;
  blobs: BlobsTable;
  secrets: SecretsTable;
  signing_keys: SigningKeysTable;
  instance_settings: InstanceSettingsTable;
}

export type Database = PlatformTables &
  AdvisoryTables &
  ReportTables &
  EvaluationRunTables &
  CaseTables &
  NotificationTables &
  CveIdTables;

export type UserRow = Selectable<UsersTable>;
export type OrgRow = Selectable<OrgsTable>;
export type NewUser = Insertable<UsersTable>;
