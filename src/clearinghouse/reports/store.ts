import { type Selectable, sql } from "kysely";
import type { Db, Tx } from "../../platform/db/database.ts";
import { invalid } from "../../platform/errors/errors.ts";
import { newId } from "../../platform/ids/ids.ts";
import type { ReportReadScope } from "../../platform/policy/index.ts";
import type { DedupDoc } from "./dedup.ts";
import type { Attachment, Report, ReportListQuery, ReportStatus } from "./model.ts";
import type { ReportEventsTable, ReportsTable } from "./tables.ts";

/** SQL for reports, their attachments and events (and the blobs they point to). Only this file touches them. */

type Conn = Db | Tx;
export type ReportRow = Selectable<ReportsTable>;
/** Columns a new report is written with (ids and times are filled in here). */
export type NewReportRow = Omit<ReportRow, "created_at" | "updated_at">;

const iso = (d: Date) => d.toISOString();

/** One row → the API shape; `coordinator` false hides the coordinator-only facts. */
export function toReport(row: ReportRow, coordinator: boolean): Report {
  return {
    id: row.id,
    reporterOrgId: row.reporter_org_id,
    title: row.title,
    description: row.description,
    affected: row.affected as Report["affected"],
    cwes: row.cwes,
    cveIds: row.cve_ids,
    cvss: row.cvss as Report["cvss"],
    cvssScore: row.cvss_score,
    impact: row.impact,
    reproduction: row.reproduction,
    disclosure: row.disclosure,
    credit: row.credit,
    provenance: row.provenance,
    status: row.status as ReportStatus,
    tlp: row.tlp,
    ssvc: row.ssvc as Report["ssvc"],
    kev: (row.kev ?? []) as Report["kev"],
    stack: row.stack,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    completeness: coordinator ? { score: row.completeness, missing: row.missing } : null,
    duplicateOf: coordinator ? row.duplicate_of : null,
    evidence: coordinator ? row.evidence : null,
  };
}

const json = (value: unknown) => JSON.stringify(value);
const jsonOrNull = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

/** Instance settings of the report intake, with defaults. */
export async function intakeSettings(db: Conn): Promise<{ quotaPer24h: number; attachmentMaxBytes: number }> {
  const rows = await db
    .selectFrom("instance_settings")
    .select(["key", "value"])
    .where("key", "in", ["reports.quota_per_org_24h", "reports.attachment_max_bytes"])
    .execute();
  const get = (key: string, fallback: number) => {
    const value = rows.find((r) => r.key === key)?.value;
    return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : fallback;
  };
  return {
    quotaPer24h: get("reports.quota_per_org_24h", 100),
    attachmentMaxBytes: get("reports.attachment_max_bytes", 10 * 1024 * 1024),
  };
}

/**
 * Serialises submissions of one organisation for the rest of the transaction and counts its reports
 * of the last 24 hours, so concurrent submissions cannot both slip under the quota.
 */
export async function lockAndCountRecent(trx: Tx, orgId: string): Promise<number> {
  await sql`select pg_advisory_xact_lock(hashtext(${`reports.quota:${orgId}`}))`.execute(trx);
  const row = await trx
    .selectFrom("reports")
    .select(sql<number>`count(*)`.as("n"))
    .where("reporter_org_id", "=", orgId)
    .where("created_at", ">", sql<Date>`now() - interval '24 hours'`)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertReport(trx: Tx, r: NewReportRow): Promise<ReportRow> {
  return trx
    .insertInto("reports")
    .values({
      ...r,
      affected: json(r.affected),
      cvss: json(r.cvss),
      disclosure: json(r.disclosure),
      credit: jsonOrNull(r.credit),
      provenance: json(r.provenance),
      ssvc: jsonOrNull(r.ssvc),
      kev: jsonOrNull(r.kev),
      stack: jsonOrNull(r.stack),
      evidence: jsonOrNull(r.evidence),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The fields a transition, merge or attachment may change. */
export interface ReportPatch {
  status?: string;
  cvss?: unknown[];
  cvss_score?: number | null;
  ssvc?: unknown;
  triage_rank?: number;
  kev?: unknown[];
  in_kev?: boolean;
  evidence?: unknown;
  duplicate_of?: string;
  completeness?: number;
  missing?: string[];
}

export async function updateReport(trx: Tx, id: string, patch: ReportPatch): Promise<ReportRow> {
  const { cvss, ssvc, kev, evidence, ...plain } = patch;
  return trx
    .updateTable("reports")
    .set({
      ...plain,
      ...(cvss !== undefined ? { cvss: json(cvss) } : {}),
      ...(ssvc !== undefined ? { ssvc: jsonOrNull(ssvc) } : {}),
      ...(kev !== undefined ? { kev: jsonOrNull(kev) } : {}),
      ...(evidence !== undefined ? { evidence: jsonOrNull(evidence) } : {}),
      updated_at: sql<Date>`now()`,
    })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findReport(db: Conn, id: string, options: { lock?: boolean } = {}): Promise<ReportRow | undefined> {
  const query = db.selectFrom("reports").selectAll().where("id", "=", id);
  return (options.lock ? query.forUpdate() : query).executeTakeFirst();
}

export async function insertEvent(
  trx: Tx,
  e: Omit<Selectable<ReportEventsTable>, "id" | "at" | "details"> & { details?: Record<string, unknown> },
): Promise<void> {
  await trx
    .insertInto("report_events")
    .values({ ...e, id: newId("rev"), details: json(e.details ?? {}) })
    .execute();
}

export async function listEvents(db: Conn, reportId: string) {
  const rows = await db
    .selectFrom("report_events")
    .select(["at", "kind", "from_status", "to_status", "note"])
    .where("report_id", "=", reportId)
    .orderBy("at")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({
    at: iso(r.at),
    kind: r.kind,
    fromStatus: r.from_status,
    toStatus: r.to_status,
    note: r.note,
  }));
}

// ---- lists ------------------------------------------------------------------------------------

const TRIAGE_OPEN: ReportStatus[] = ["received", "incomplete", "valid", "accepted", "deferred"];

/**
 * Keyset page of reports. `mine`: the scope's reports, newest first. `triage` (callers check the
 * policy first): open reports by SSVC outcome, then KEV, then CVSS score, oldest first among equals.
 */
export async function listReports(db: Conn, scope: ReportReadScope, query: ReportListQuery) {
  let q = db
    .selectFrom("reports")
    .selectAll()
    .limit(query.limit + 1);
  if (!scope.all) q = q.where("reporter_org_id", "=", scope.orgId);
  if (query.status !== undefined) q = q.where("status", "=", query.status);
  if (query.view === "mine") {
    q = q.orderBy("id", "desc");
    if (query.cursor) q = q.where("id", "<", query.cursor);
    const rows = await q.execute();
    const items = rows.slice(0, query.limit);
    return { items, nextCursor: rows.length > query.limit ? (items[items.length - 1]?.id ?? null) : null };
  }
  if (query.status === undefined) q = q.where("status", "in", TRIAGE_OPEN);
  const cvss = sql<number>`coalesce(cvss_score, -1)`;
  q = q.orderBy("triage_rank", "desc").orderBy("in_kev", "desc").orderBy(cvss, "desc").orderBy("id", "asc");
  if (query.cursor) {
    const [rank, kev, score, id] = decodeTriageCursor(query.cursor);
    q = q.where((eb) =>
      eb.or([
        eb("triage_rank", "<", rank),
        eb.and([
          eb("triage_rank", "=", rank),
          eb.or([
            eb("in_kev", "<", kev),
            eb.and([
              eb("in_kev", "=", kev),
              eb.or([eb(cvss, "<", score), eb.and([eb(cvss, "=", score), eb("id", ">", id)])]),
            ]),
          ]),
        ]),
      ]),
    );
  }
  const rows = await q.execute();
  const items = rows.slice(0, query.limit);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: rows.length > query.limit && last ? encodeTriageCursor(last) : null,
  };
}

function encodeTriageCursor(row: ReportRow): string {
  return Buffer.from(JSON.stringify([row.triage_rank, row.in_kev, row.cvss_score ?? -1, row.id])).toString("base64url");
}

function decodeTriageCursor(cursor: string): [number, boolean, number, string] {
  try {
    const [rank, kev, score, id] = JSON.parse(Buffer.from(cursor, "base64url").toString()) as unknown[];
    if (typeof rank === "number" && typeof kev === "boolean" && typeof score === "number" && typeof id === "string")
      return [rank, kev, score, id];
  } catch {
    // fall through: not JSON
  }
  throw invalid("cursor", "not a cursor this list returned");
}

// ---- attachments ------------------------------------------------------------------------------

/** Stores content by SHA-256 in the platform blob table (the same bytes are stored once). */
export async function putBlob(trx: Tx, sha256: string, content: Uint8Array): Promise<void> {
  await trx
    .insertInto("blobs")
    .values({ sha256, size: content.byteLength, media_type: "application/octet-stream", content })
    .onConflict((oc) => oc.column("sha256").doNothing())
    .execute();
}

/** Adds an attachment; false when the report already has these bytes. */
export async function insertAttachment(
  trx: Tx,
  a: { reportId: string; sha256: string; filename: string; size: number; mediaType: string; uploadedBy: string },
): Promise<boolean> {
  const row = await trx
    .insertInto("report_attachments")
    .values({
      report_id: a.reportId,
      sha256: a.sha256,
      filename: a.filename,
      size: a.size,
      media_type: a.mediaType,
      uploaded_by: a.uploadedBy,
    })
    .onConflict((oc) => oc.columns(["report_id", "sha256"]).doNothing())
    .returning("sha256")
    .executeTakeFirst();
  return row !== undefined;
}

export async function listAttachments(db: Conn, reportId: string): Promise<Attachment[]> {
  const rows = await db
    .selectFrom("report_attachments")
    .select(["sha256", "filename", "size", "media_type", "created_at"])
    .where("report_id", "=", reportId)
    .orderBy("created_at")
    .execute();
  return rows.map((r) => ({
    sha256: r.sha256,
    filename: r.filename,
    size: r.size,
    mediaType: r.media_type,
    createdAt: iso(r.created_at),
  }));
}

export async function countAttachments(db: Conn, reportId: string): Promise<number> {
  const row = await db
    .selectFrom("report_attachments")
    .select(sql<number>`count(*)`.as("n"))
    .where("report_id", "=", reportId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function findAttachment(db: Conn, reportId: string, sha256: string) {
  return db
    .selectFrom("report_attachments")
    .innerJoin("blobs", "blobs.sha256", "report_attachments.sha256")
    .select(["report_attachments.filename", "blobs.content", "blobs.size"])
    .where("report_attachments.report_id", "=", reportId)
    .where("report_attachments.sha256", "=", sha256)
    .executeTakeFirst();
}

// ---- dedup candidates -------------------------------------------------------------------------

/**
 * Adds a new report to dedup's inverted index: its distinct English lexemes (title + description)
 * and their document frequencies. Lexemes are upserted in sorted order, so concurrent intakes lock
 * the shared counter rows in one order and cannot deadlock.
 */
export async function indexForDedup(trx: Tx, r: Pick<ReportRow, "id" | "title" | "description">): Promise<void> {
  await sql`with indexed as (
      insert into report_dedup_terms (report_id, terms)
      values (${r.id}, tsvector_to_array(to_tsvector('english', ${r.title} || ' ' || ${r.description})))
      returning terms
    )
    insert into report_dedup_stats (term, df)
    select term, 1 from (select unnest(terms) as term from indexed union all select '') as t
    order by term
    on conflict (term) do update set df = report_dedup_stats.df + 1`.execute(trx);
}

/**
 * Bounds of the lookup. Lexemes found in more than MAX_POSTING reports are too common to find a
 * duplicate by (they still count when the candidates are ranked); the query's MAX_TERMS rarest
 * lexemes pick text matches, of which the TEXT_CANDIDATES sharing the most IDF weight are kept;
 * KEYED_CANDIDATES more share a package key (same CWE first, then the newest), and up to
 * KEYED_CANDIDATES the stack/sink fingerprint.
 */
const MAX_POSTING = 2_000;
const MAX_TERMS = 24;
const TEXT_CANDIDATES = 80;
const KEYED_CANDIDATES = 40;

/**
 * Stored reports worth ranking against `subject`, chosen in one statement from the inverted index
 * (reports sharing the subject's rare lexemes, by shared IDF weight) and the package-key and
 * fingerprint indexes. Every step is an index lookup bounded above (LATERAL joins keep the plan so
 * without planner statistics, as on PGlite). Merged duplicates are left out: their original
 * stands for them.
 */
export async function dedupCandidates(
  db: Conn,
  subject: Pick<ReportRow, "id" | "title" | "description" | "package_keys" | "cwes" | "fingerprint">,
): Promise<DedupDoc[]> {
  const { rows } = await sql<
    Pick<ReportRow, "id" | "title" | "description" | "package_keys" | "cwes" | "fingerprint" | "created_at">
  >`with query as (
      select distinct term
      from unnest(tsvector_to_array(to_tsvector('english', ${subject.title} || ' ' || ${subject.description}))) as term
    ),
    total as (select coalesce(max(df), 0)::float8 as n from report_dedup_stats where term = ''),
    rare as (
      select s.term, ln(1 + total.n / s.df) as idf
      from query
      cross join lateral (select term, df from report_dedup_stats where term = query.term) as s, total
      where s.term <> '' and s.df between 1 and ${MAX_POSTING}
      order by s.df, s.term
      limit ${MAX_TERMS}
    ),
    text_top as (
      select hit.report_id as id
      from rare cross join lateral (select report_id from report_dedup_terms where terms @> array[rare.term]) as hit
      group by hit.report_id
      order by sum(rare.idf) desc, hit.report_id desc
      limit ${TEXT_CANDIDATES}
    ),
    keyed as (
      select id from reports
      where package_keys && ${sql.val(subject.package_keys)}::text[] and duplicate_of is null
      order by cwes && ${sql.val(subject.cwes)}::text[] desc, id desc
      limit ${KEYED_CANDIDATES}
    ),
    same_stack as (
      select id from reports where fingerprint = ${subject.fingerprint} and duplicate_of is null
      order by id desc
      limit ${KEYED_CANDIDATES}
    ),
    chosen as (select id from text_top union select id from keyed union select id from same_stack)
    select r.id, r.title, r.description, r.package_keys, r.cwes, r.fingerprint, r.created_at
    from chosen
    cross join lateral (select * from reports where reports.id = chosen.id) as r
    where r.id <> ${subject.id} and r.duplicate_of is null`.execute(db);
  return rows.map((r) => ({
    id: r.id,
    kind: "report",
    title: r.title,
    text: r.description,
    packageKeys: r.package_keys,
    cwes: r.cwes,
    fingerprint: r.fingerprint,
    createdAt: iso(new Date(r.created_at)),
  }));
}
