import { type Selectable, sql } from "kysely";
import type { Db, Tx } from "../../platform/db/database.ts";
import { newId } from "../../platform/ids/ids.ts";
import type { CaseAudience, CaseReadScope } from "../../platform/policy/index.ts";
import type {
  CaseFlags,
  CaseListQuery,
  CaseRole,
  Embargo,
  EmbargoState,
  Message,
  ParticipantReportState,
  Statement,
  Vulnerability,
} from "./model.ts";
import type { CaseEventsTable, CaseStatementsTable, CasesTable, CaseVulnerabilitiesTable } from "./tables.ts";

/**
 * SQL for cases and their reports, participants, vulnerabilities, statements, messages and events.
 * Only this file touches them. Organisation and user names are read from the identity tables for
 * display (read-only joins).
 */

type Conn = Db | Tx;
export type CaseRow = Selectable<CasesTable>;
export type VulnerabilityRow = Selectable<CaseVulnerabilitiesTable>;

const iso = (d: Date) => d.toISOString();
const json = (value: unknown) => JSON.stringify(value);

// ---- cases ----------------------------------------------------------------------------------------

export function toFlags(row: CaseRow): CaseFlags {
  return {
    vendorAware: row.vendor_aware,
    fixReady: row.fix_ready,
    fixDeployed: row.fix_deployed,
    publicAware: row.public_aware,
    exploitPublic: row.exploit_public,
    attacksObserved: row.attacks_observed,
  };
}

/** Flag name → column. */
export const FLAG_COLUMNS = {
  vendorAware: "vendor_aware",
  fixReady: "fix_ready",
  fixDeployed: "fix_deployed",
  publicAware: "public_aware",
  exploitPublic: "exploit_public",
  attacksObserved: "attacks_observed",
} as const satisfies Record<keyof CaseFlags, keyof CasesTable>;

export function toEmbargo(row: CaseRow): Embargo {
  return {
    state: row.embargo_state as EmbargoState,
    endsAt: row.embargo_ends_at === null ? null : iso(row.embargo_ends_at),
    proposedEndsAt: row.embargo_proposed_ends_at === null ? null : iso(row.embargo_proposed_ends_at),
    exitedReason: row.embargo_exited_reason,
  };
}

export function embargoColumns(e: Embargo) {
  return {
    embargo_state: e.state,
    embargo_ends_at: e.endsAt,
    embargo_proposed_ends_at: e.proposedEndsAt,
    embargo_exited_reason: e.exitedReason,
  };
}

export async function insertCase(
  trx: Tx,
  c: { id: string; title: string; summary: string; tlp: string; ssvc_outcome: string | null; created_by: string },
): Promise<CaseRow> {
  return trx.insertInto("cases").values(c).returningAll().executeTakeFirstOrThrow();
}

export function findCase(db: Conn, id: string, options: { lock?: boolean } = {}): Promise<CaseRow | undefined> {
  const query = db.selectFrom("cases").selectAll().where("id", "=", id);
  return (options.lock ? query.forUpdate() : query).executeTakeFirst();
}

export type CasePatch = Partial<
  Pick<
    CaseRow,
    | "vendor_aware"
    | "fix_ready"
    | "fix_deployed"
    | "public_aware"
    | "exploit_public"
    | "attacks_observed"
    | "embargo_state"
    | "embargo_exited_reason"
    | "ssvc_outcome"
  > & { embargo_ends_at: string | null; embargo_proposed_ends_at: string | null; published_at: string }
>;

/** Changes a case and bumps `updated_at` (every use case on a case calls this, also to touch it). */
export async function updateCase(trx: Tx, id: string, patch: CasePatch): Promise<CaseRow> {
  return trx
    .updateTable("cases")
    .set({ ...patch, updated_at: sql<Date>`now()` })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** One row of a case list: the case with its participant count, first advisory and CVE ids. */
export type CaseListRow = CaseRow & { participant_count: number; advisory_id: string | null; cve_ids: string[] };

function withListFacts(db: Conn) {
  return db
    .selectFrom("cases")
    .selectAll("cases")
    .select([
      sql<number>`(select count(*) from case_participants p where p.case_id = cases.id)::int`.as("participant_count"),
      sql<
        string | null
      >`(select v.advisory_id from case_vulnerabilities v where v.case_id = cases.id and v.advisory_id is not null order by v.id limit 1)`.as(
        "advisory_id",
      ),
      sql<
        string[]
      >`array(select v.cve_id from case_vulnerabilities v where v.case_id = cases.id and v.cve_id is not null order by v.id)`.as(
        "cve_ids",
      ),
    ]);
}

/** Keyset page of the cases the scope reads, newest first. */
export async function listCases(db: Conn, scope: CaseReadScope, query: CaseListQuery) {
  let q = withListFacts(db)
    .orderBy("cases.id", "desc")
    .limit(query.limit + 1);
  if (!scope.all)
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom("case_participants as cp")
          .select("cp.case_id")
          .whereRef("cp.case_id", "=", "cases.id")
          .where("cp.org_id", "=", scope.participantOrgId),
      ),
    );
  if (query.status !== undefined) q = q.where("cases.status", "=", query.status);
  if (query.cursor !== undefined) q = q.where("cases.id", "<", query.cursor);
  const rows = (await q.execute()) as CaseListRow[];
  const items = rows.slice(0, query.limit);
  return { items, nextCursor: rows.length > query.limit ? (items[items.length - 1]?.id ?? null) : null };
}

export async function findCaseListRow(db: Conn, id: string): Promise<CaseListRow | undefined> {
  return (await withListFacts(db).where("cases.id", "=", id).executeTakeFirst()) as CaseListRow | undefined;
}

/** Days to remediate per SSVC outcome (instance setting `cases.remediation_days`), or undefined. */
export async function remediationSetting(db: Conn): Promise<unknown> {
  const row = await db
    .selectFrom("instance_settings")
    .select("value")
    .where("key", "=", "cases.remediation_days")
    .executeTakeFirst();
  return row?.value;
}

// ---- organisations (identity tables, read-only) -----------------------------------------------------

export function findOrg(db: Conn, id: string) {
  return db.selectFrom("orgs").select(["id", "name", "kind"]).where("id", "=", id).executeTakeFirst();
}

// ---- participants -----------------------------------------------------------------------------------

export interface ParticipantRow {
  org_id: string;
  org_name: string;
  org_kind: string;
  role: CaseRole;
  report_state: ParticipantReportState;
  added_at: Date;
}

export async function listParticipants(db: Conn, caseId: string): Promise<ParticipantRow[]> {
  const rows = await db
    .selectFrom("case_participants as p")
    .innerJoin("orgs as o", "o.id", "p.org_id")
    .select(["p.org_id", "o.name as org_name", "o.kind as org_kind", "p.role", "p.report_state", "p.added_at"])
    .where("p.case_id", "=", caseId)
    .orderBy("p.added_at")
    .orderBy(sql`array_position(array['coordinator', 'reporter', 'vendor', 'operator'], p.role)`)
    .orderBy("o.name")
    .execute();
  return rows as ParticipantRow[];
}

export async function participantRole(db: Conn, caseId: string, orgId: string): Promise<CaseRole | null> {
  const row = await db
    .selectFrom("case_participants")
    .select("role")
    .where("case_id", "=", caseId)
    .where("org_id", "=", orgId)
    .executeTakeFirst();
  return (row?.role as CaseRole | undefined) ?? null;
}

/** Adds a participant; false when the organisation already takes part. */
export async function insertParticipant(
  trx: Tx,
  p: { caseId: string; orgId: string; role: CaseRole; reportState: ParticipantReportState; addedBy: string },
): Promise<boolean> {
  const row = await trx
    .insertInto("case_participants")
    .values({ case_id: p.caseId, org_id: p.orgId, role: p.role, report_state: p.reportState, added_by: p.addedBy })
    .onConflict((oc) => oc.columns(["case_id", "org_id"]).doNothing())
    .returning("org_id")
    .executeTakeFirst();
  return row !== undefined;
}

export async function setReportState(
  trx: Tx,
  caseId: string,
  state: ParticipantReportState,
  where: { orgId?: string; fromStates?: ParticipantReportState[] } = {},
): Promise<void> {
  let q = trx.updateTable("case_participants").set({ report_state: state }).where("case_id", "=", caseId);
  if (where.orgId !== undefined) q = q.where("org_id", "=", where.orgId);
  if (where.fromStates !== undefined) q = q.where("report_state", "in", where.fromStates);
  await q.execute();
}

// ---- reports ----------------------------------------------------------------------------------------

export function caseOfReport(db: Conn, reportId: string) {
  return db.selectFrom("case_reports").select("case_id").where("report_id", "=", reportId).executeTakeFirst();
}

export async function linkReport(
  trx: Tx,
  l: { caseId: string; reportId: string; duplicate: boolean; shared: boolean },
): Promise<void> {
  await trx
    .insertInto("case_reports")
    .values({ case_id: l.caseId, report_id: l.reportId, duplicate: l.duplicate, shared: l.shared })
    .execute();
}

export function listReportLinks(db: Conn, caseId: string) {
  return db
    .selectFrom("case_reports")
    .select(["report_id", "duplicate", "shared"])
    .where("case_id", "=", caseId)
    .orderBy("linked_at")
    .orderBy("report_id")
    .execute();
}

// ---- vulnerabilities --------------------------------------------------------------------------------

export function toVulnerability(row: VulnerabilityRow): Vulnerability {
  return {
    id: row.id,
    caseId: row.case_id,
    title: row.title,
    description: row.description,
    cveId: row.cve_id,
    cwes: row.cwes,
    cvss: row.cvss as Vulnerability["cvss"],
    affected: row.affected as Vulnerability["affected"],
  };
}

export async function insertVulnerability(
  trx: Tx,
  v: Omit<VulnerabilityRow, "id" | "created_at" | "advisory_id">,
): Promise<VulnerabilityRow> {
  return trx
    .insertInto("case_vulnerabilities")
    .values({ ...v, id: newId("vul"), cvss: json(v.cvss), affected: json(v.affected) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function listVulnerabilities(db: Conn, caseId: string): Promise<VulnerabilityRow[]> {
  return db.selectFrom("case_vulnerabilities").selectAll().where("case_id", "=", caseId).orderBy("id").execute();
}

export async function setVulnerabilityAdvisory(trx: Tx, id: string, advisoryId: string): Promise<void> {
  await trx.updateTable("case_vulnerabilities").set({ advisory_id: advisoryId }).where("id", "=", id).execute();
}

// ---- statements -------------------------------------------------------------------------------------

export async function upsertStatement(
  trx: Tx,
  s: Omit<Selectable<CaseStatementsTable>, "updated_at">,
): Promise<"created" | "updated"> {
  const row = await trx
    .insertInto("case_statements")
    .values(s)
    .onConflict((oc) =>
      oc.columns(["vulnerability_id", "vendor_org_id", "product"]).doUpdateSet({
        status: s.status,
        justification: s.justification,
        impact_statement: s.impact_statement,
        action_statement: s.action_statement,
        fixed_versions: s.fixed_versions,
        workarounds: s.workarounds,
        updated_by: s.updated_by,
        updated_at: sql<Date>`now()`,
      }),
    )
    // xmax is 0 for a freshly inserted row: tells an insert from an update in one statement.
    .returning(sql<boolean>`(xmax = 0)`.as("inserted"))
    .executeTakeFirstOrThrow();
  return row.inserted ? "created" : "updated";
}

export async function listStatements(db: Conn, caseId: string): Promise<Statement[]> {
  const rows = await db
    .selectFrom("case_statements as s")
    .innerJoin("orgs as o", "o.id", "s.vendor_org_id")
    .innerJoin("users as u", "u.id", "s.updated_by")
    .selectAll("s")
    .select(["o.name as vendor_org_name", "u.display_name as updated_by_name"])
    .where("s.case_id", "=", caseId)
    .orderBy("s.vulnerability_id")
    .orderBy("o.name")
    .orderBy("s.product")
    .execute();
  return rows.map((r) => ({
    vulnerabilityId: r.vulnerability_id,
    vendorOrgId: r.vendor_org_id,
    vendorOrgName: r.vendor_org_name,
    product: r.product,
    status: r.status as Statement["status"],
    justification: r.justification,
    impactStatement: r.impact_statement,
    actionStatement: r.action_statement,
    fixedVersions: r.fixed_versions,
    workarounds: r.workarounds,
    updatedAt: iso(r.updated_at),
    updatedBy: r.updated_by_name,
  }));
}

// ---- messages ---------------------------------------------------------------------------------------

export type MessageRow = Message & { authorUserId: string };

function messages(db: Conn) {
  return db
    .selectFrom("case_messages as m")
    .innerJoin("users as u", "u.id", "m.author_user_id")
    .innerJoin("orgs as o", "o.id", "m.author_org_id")
    .selectAll("m")
    .select(["u.display_name as author_name", "o.name as author_org_name"]);
}

function toMessage(r: Awaited<ReturnType<ReturnType<typeof messages>["executeTakeFirstOrThrow"]>>): MessageRow {
  return {
    id: r.id,
    caseId: r.case_id,
    authorUserId: r.author_user_id,
    authorName: r.author_name,
    authorOrgName: r.author_org_name,
    body: r.body,
    visibility: r.visibility as Message["visibility"],
    createdAt: iso(r.created_at),
  };
}

export async function insertMessage(
  trx: Tx,
  m: { caseId: string; authorUserId: string; authorOrgId: string; body: string; visibility: string },
): Promise<MessageRow> {
  const id = newId("msg");
  await trx
    .insertInto("case_messages")
    .values({
      id,
      case_id: m.caseId,
      author_user_id: m.authorUserId,
      author_org_id: m.authorOrgId,
      body: m.body,
      visibility: m.visibility,
    })
    .execute();
  return toMessage(await messages(trx).where("m.id", "=", id).executeTakeFirstOrThrow());
}

export async function listMessages(db: Conn, caseId: string): Promise<MessageRow[]> {
  const rows = await messages(db).where("m.case_id", "=", caseId).orderBy("m.id").execute();
  return rows.map(toMessage);
}

// ---- events (the timeline) --------------------------------------------------------------------------

export async function insertEvent(
  trx: Tx,
  e: {
    caseId: string;
    actorUserId: string | null;
    kind: string;
    summary: string;
    audience?: CaseAudience;
    details?: Record<string, unknown>;
  },
): Promise<void> {
  const audience = e.audience ?? { visibility: "participants" };
  await trx
    .insertInto("case_events")
    .values({
      id: newId("cev"),
      case_id: e.caseId,
      actor_user_id: e.actorUserId,
      kind: e.kind,
      summary: e.summary,
      visibility: audience.visibility,
      org_id: audience.visibility === "statement" ? audience.vendorOrgId : null,
      details: json(e.details ?? {}),
    })
    .execute();
}

export interface EventRow {
  at: string;
  kind: string;
  actorName: string | null;
  summary: string;
  audience: CaseAudience;
}

export async function listEvents(db: Conn, caseId: string): Promise<EventRow[]> {
  const rows = await db
    .selectFrom("case_events as e")
    .leftJoin("users as u", "u.id", "e.actor_user_id")
    .select(["e.at", "e.kind", "e.summary", "e.visibility", "e.org_id", "e.actor_user_id", "u.display_name"])
    .where("e.case_id", "=", caseId)
    .orderBy("e.at")
    .orderBy("e.id")
    .execute();
  return rows.map((r) => ({
    at: iso(r.at),
    kind: r.kind,
    actorName: r.display_name,
    summary: r.summary,
    audience: audienceOf(r as Pick<Selectable<CaseEventsTable>, "visibility" | "org_id" | "actor_user_id">),
  }));
}

function audienceOf(r: Pick<Selectable<CaseEventsTable>, "visibility" | "org_id" | "actor_user_id">): CaseAudience {
  if (r.visibility === "coordinators") return { visibility: "coordinators", authorUserId: r.actor_user_id };
  if (r.visibility === "statement") return { visibility: "statement", vendorOrgId: r.org_id ?? "" };
  return { visibility: "participants" };
}
