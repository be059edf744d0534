import { type ExpressionBuilder, type Selectable, sql } from "kysely";
import type { Db, Tx } from "../../platform/db/database.ts";
import type { Database } from "../../platform/db/schema.ts";
import { invalid } from "../../platform/errors/errors.ts";
import type { AdvisoryReadScope } from "../../platform/policy/index.ts";
import type { RevisionHistoryItem } from "../../standards/csaf/index.ts";
import type { TlpLabel } from "../../standards/tlp/index.ts";
import type { AdvisoryDocuments } from "./documents.ts";
import type { Advisory, AdvisoryFormat, AdvisoryListQuery } from "./model.ts";
import type { AdvisoryRecord } from "./record.ts";
import type { AdvisoriesTable } from "./tables.ts";

/**
 * SQL for advisories, their packages and the id counters. Only the store files touch these tables:
 * this one, osv-store.ts (the OSV API's lookups) and kev-store.ts (the KEV catalogue).
 */

/** A connection or a transaction: reads run on either. */
export type Conn = Db | Tx;
type AdvisoryRow = Selectable<AdvisoriesTable>;

const SUMMARY_COLUMNS = [
  "id",
  "source",
  "source_id",
  "case_id",
  "aliases",
  "cve_id",
  "title",
  "summary",
  "severity",
  "cvss_score",
  "tlp",
  "recipients",
  "revision",
  "published_at",
  "modified_at",
  "withdrawn_at",
  "formats",
] as const;

export function toAdvisory(row: Pick<AdvisoryRow, (typeof SUMMARY_COLUMNS)[number]>): Advisory {
  return {
    id: row.id,
    source: row.source,
    sourceId: row.source_id,
    caseId: row.case_id,
    aliases: row.aliases,
    cveId: row.cve_id,
    title: row.title,
    summary: row.summary,
    severity: row.severity,
    cvssScore: row.cvss_score,
    tlp: row.tlp as TlpLabel,
    recipients: row.recipients,
    revision: row.revision,
    publishedAt: row.published_at.toISOString(),
    modifiedAt: row.modified_at.toISOString(),
    withdrawnAt: row.withdrawn_at?.toISOString() ?? null,
    formats: row.formats as AdvisoryFormat[],
  };
}

/** The read scope of the policy module as a SQL condition on `advisories` (the same rule as canReadAdvisory). */
export function visibleTo(scope: AdvisoryReadScope) {
  return (eb: ExpressionBuilder<Database, "advisories">) => {
    const byTlp = eb("advisories.tlp", "in", [...scope.tlps]);
    if (scope.recipientOrgId === null) return byTlp;
    return eb.or([byTlp, eb(sql.val(scope.recipientOrgId), "=", eb.fn.any("advisories.recipients"))]);
  };
}

// ---- writes ------------------------------------------------------------------------------------

/** The stored source, hash and revision of advisories by id (unchanged imports skip their transaction). */
export async function storedVersions(db: Conn, ids: readonly string[]) {
  const out = new Map<string, { source: string; sourceId: string; contentHash: string; revision: number }>();
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await db
      .selectFrom("advisories")
      .select(["id", "source", "source_id", "content_hash", "revision"])
      .where("id", "in", ids.slice(i, i + 1000))
      .execute();
    for (const r of rows)
      out.set(r.id, { source: r.source, sourceId: r.source_id, contentHash: r.content_hash, revision: r.revision });
  }
  return out;
}

/** Locks and reads one advisory's version (inside the writing transaction). */
export function lockVersion(trx: Tx, id: string) {
  return trx
    .selectFrom("advisories")
    .select(["source", "content_hash", "revision", "published_at"])
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
}

/** The CSAF revision history of an advisory (a revision continues it). */
export async function csafRevisionHistory(trx: Tx, id: string): Promise<RevisionHistoryItem[]> {
  const row = await trx
    .selectFrom("advisories")
    .select(sql<RevisionHistoryItem[] | null>`documents #> '{csaf,document,tracking,revision_history}'`.as("history"))
    .where("id", "=", id)
    .executeTakeFirst();
  return row?.history ?? [];
}

function rowOf(rec: AdvisoryRecord) {
  return {
    id: rec.id,
    source: rec.source,
    source_id: rec.sourceId,
    case_id: rec.caseId,
    osv_id: rec.osvId,
    aliases: rec.aliases,
    cve_id: rec.cveId,
    title: rec.title,
    summary: rec.summary,
    severity: rec.severity,
    cvss_score: rec.cvssScore,
    tlp: rec.tlp,
    recipients: rec.recipients,
    revision: rec.revision,
    published_at: rec.publishedAt,
    modified_at: rec.modifiedAt,
    withdrawn_at: rec.withdrawnAt,
    formats: Object.keys(rec.documents),
    documents: JSON.stringify(rec.documents),
    content_hash: rec.contentHash,
  };
}

function packageRows(rec: AdvisoryRecord) {
  return rec.packages.map((p, idx) => ({
    idx,
    ecosystem: p.ecosystem,
    name: p.name,
    normalized_name: p.normalizedName,
    purl: p.purl,
    commits: p.commits,
    affected: p.affected,
  }));
}

/**
 * Inserts a new advisory and its package rows in one statement (imports write thousands; each
 * round trip counts). Returns false, writing nothing, when the id exists.
 *
 * `deferFlush` (bulk imports) also lets the transaction's commit return before its WAL record
 * reaches disk, in the same statement: a crash loses at most the last moments of an import, which
 * re-running it restores (imports are idempotent), and no commit waits for a flush per document.
 */
export async function insertAdvisory(trx: Tx, rec: AdvisoryRecord, options: { deferFlush?: boolean } = {}) {
  const row = await trx
    .with("a", (db) =>
      db
        .insertInto("advisories")
        .values(rowOf(rec))
        .onConflict((oc) => oc.column("id").doNothing())
        .returning("id"),
    )
    .with("p", (db) =>
      db
        .insertInto("advisory_packages")
        .columns(["advisory_id", "idx", "ecosystem", "name", "normalized_name", "purl", "commits", "affected"])
        .expression(
          sql`select a.id, p.idx, p.ecosystem, p.name, p.normalized_name, p.purl, p.commits, p.affected
              from a cross join jsonb_to_recordset(${JSON.stringify(packageRows(rec))}::jsonb)
              as p(idx integer, ecosystem text, name text, normalized_name text, purl text, commits text[], affected jsonb)`,
        )
        .returning("advisory_id"),
    )
    .selectNoFrom((eb) => [
      eb.selectFrom("a").select(sql<number>`count(*)`.as("n")).as("inserted"),
      (options.deferFlush ? sql`set_config('synchronous_commit', 'off', true)` : sql`null`).as("flush"),
    ])
    .executeTakeFirstOrThrow();
  return Number(row.inserted) === 1;
}

/** Replaces an existing advisory and its package rows. */
export async function replaceAdvisory(trx: Tx, rec: AdvisoryRecord): Promise<void> {
  await trx
    .updateTable("advisories")
    .set({ ...rowOf(rec), updated_at: sql`now()` })
    .where("id", "=", rec.id)
    .execute();
  await trx.deleteFrom("advisory_packages").where("advisory_id", "=", rec.id).execute();
  if (rec.packages.length === 0) return;
  await trx
    .insertInto("advisory_packages")
    .values(packageRows(rec).map((p) => ({ ...p, advisory_id: rec.id, affected: JSON.stringify(p.affected) })))
    .execute();
}

/** Allocates the next advisory number of a year (rolled back with the transaction). */
export async function nextAdvisoryNumber(trx: Tx, year: number): Promise<number> {
  const row = await trx
    .insertInto("advisory_counters")
    .values({ year, last: 1 })
    .onConflict((oc) => oc.column("year").doUpdateSet({ last: sql`advisory_counters.last + 1` }))
    .returning("last")
    .executeTakeFirstOrThrow();
  return row.last;
}

/** An id is taken when an advisory has it (an AICC number already imported from elsewhere, say). */
export async function idTaken(trx: Tx, id: string): Promise<boolean> {
  return (await trx.selectFrom("advisories").select("id").where("id", "=", id).executeTakeFirst()) !== undefined;
}

// ---- reads -------------------------------------------------------------------------------------

export async function findAdvisory(db: Conn, id: string) {
  const row = await db
    .selectFrom("advisories")
    .select([...SUMMARY_COLUMNS, "documents"])
    .where("id", "=", id)
    .executeTakeFirst();
  return row === undefined ? undefined : { advisory: toAdvisory(row), documents: row.documents as AdvisoryDocuments };
}

/** Keyset page of the advisories a scope may read, newest change first, with the filters of the list API. */
export async function listAdvisories(db: Conn, scope: AdvisoryReadScope, query: AdvisoryListQuery) {
  let q = db
    .selectFrom("advisories")
    .select(SUMMARY_COLUMNS)
    .select((eb) =>
      eb
        .exists(eb.selectFrom("kev_entries").select("cve_id").whereRef("kev_entries.cve_id", "=", "advisories.cve_id"))
        .as("in_kev"),
    )
    .where(visibleTo(scope))
    .orderBy("modified_at", "desc")
    .orderBy("id", "desc")
    .limit(query.limit + 1);
  if (query.cursor) {
    const [at, id] = decodeCursor(query.cursor);
    q = q.where((eb) => eb.or([eb("modified_at", "<", at), eb.and([eb("modified_at", "=", at), eb("id", "<", id)])]));
  }
  if (query.ecosystem !== undefined || query.package !== undefined) {
    q = q.where((eb) => {
      let packages = eb
        .selectFrom("advisory_packages")
        .select("advisory_id")
        .whereRef("advisory_id", "=", "advisories.id");
      if (query.ecosystem !== undefined)
        packages = packages.where((p) =>
          p.or([p("ecosystem", "=", query.ecosystem!), p("ecosystem", "like", `${escapeLike(query.ecosystem!)}:%`)]),
        );
      if (query.package !== undefined) {
        const name = query.package;
        packages = packages.where((p) =>
          p.or([
            p("name", "=", name),
            p("normalized_name", "=", name.toLowerCase().replace(/[-_.]+/g, "-")),
            p("purl", "=", name),
          ]),
        );
      }
      return eb.exists(packages);
    });
  }
  if (query.q !== undefined) {
    const pattern = `%${escapeLike(query.q)}%`;
    q = q.where((eb) =>
      eb.or([
        eb("title", "ilike", pattern),
        eb("summary", "ilike", pattern),
        eb("id", "=", query.q!),
        eb(sql.val(query.q!), "=", eb.fn.any("aliases")),
      ]),
    );
  }
  if (query.kev !== undefined) {
    q = q.where((eb) => {
      const inKev = eb.exists(
        eb.selectFrom("kev_entries").select("cve_id").whereRef("kev_entries.cve_id", "=", "advisories.cve_id"),
      );
      return query.kev === "true" ? inKev : eb.not(inKev);
    });
  }
  const rows = await q.execute();
  const items = rows.slice(0, query.limit).map((r) => ({ ...toAdvisory(r), inKev: Boolean(r.in_kev) }));
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.modifiedAt, last.id) : null,
  };
}

function encodeCursor(at: string, id: string): string {
  return Buffer.from(`${at}|${id}`).toString("base64url");
}

function decodeCursor(cursor: string): [Date, string] {
  const [at, id] = Buffer.from(cursor, "base64url").toString().split("|");
  if (!at || !id || Number.isNaN(Date.parse(at))) throw invalid("cursor", "not a cursor this list returned");
  return [new Date(at), id];
}

/** Escapes LIKE wildcards in user text. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Readable advisories with a document in `format`, by id after `afterId` (exports walk them in pages). */
export async function documentsPage(
  db: Conn,
  scope: AdvisoryReadScope,
  format: AdvisoryFormat,
  afterId: string,
  limit: number,
) {
  const rows = await db
    .selectFrom("advisories")
    .select([...SUMMARY_COLUMNS, sql<unknown>`documents -> ${format}`.as("document")])
    .where(visibleTo(scope))
    .where(sql<boolean>`${format} = any(formats)`)
    .where("id", ">", afterId)
    .orderBy("id")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ advisory: toAdvisory(r), document: r.document }));
}

/** The TLP:CLEAR CSAF documents we published ourselves that a scope may read (the provider feed). */
export async function publishedCsaf(db: Conn, scope: AdvisoryReadScope) {
  const rows = await db
    .selectFrom("advisories")
    .select(["id", "published_at", "modified_at", sql<unknown>`documents -> 'csaf'`.as("document")])
    .where("source", "=", "case")
    .where("tlp", "=", "CLEAR")
    .where(visibleTo(scope))
    .where(sql<boolean>`'csaf' = any(formats)`)
    .orderBy("modified_at", "desc")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ id: r.id, publishedAt: r.published_at, modifiedAt: r.modified_at, document: r.document }));
}
