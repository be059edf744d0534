import { type AuditActor, appendAudit, SYSTEM_ACTOR } from "../../platform/audit/audit.ts";
import { digestOf } from "../../platform/crypto/canonical-json.ts";
import type { Db, Tx } from "../../platform/db/database.ts";
import { conflict, notFound, parseInput } from "../../platform/errors/errors.ts";
import type { Principal } from "../../platform/identity/model.ts";
import { actorOf, authorize } from "../../platform/identity/service.ts";
import {
  advisoryReadScope,
  canImportAdvisories,
  canPublishAdvisory,
  canReadAdvisory,
} from "../../platform/policy/index.ts";
import { csafFilename, emitCsaf } from "../../standards/csaf/index.ts";
import { type AdvisoryDocuments, renderDocuments } from "./documents.ts";
import * as kevStore from "./kev-store.ts";
import {
  type Advisory,
  type AdvisoryDetail,
  AdvisoryDraftSchema,
  type AdvisoryFormat,
  type AdvisoryListQuery,
  type KevEntry,
} from "./model.ts";
import { type AdvisoryRecord, cveIdOf, headlineScore, packageRecords } from "./record.ts";
import { osvIdFor, type PublisherInfo, type RenderMeta } from "./render-context.ts";
import { renderStix } from "./render-stix.ts";
import * as store from "./store.ts";

/** The outcome of writing one imported document. */
export type ImportOutcome = "created" | "updated" | "unchanged";

/** A download: the file name and its bytes. */
export interface AdvisoryFile {
  filename: string;
  body: string;
}

function auditActor(actor: Principal | null): AuditActor {
  return actor ? actorOf(actor) : SYSTEM_ACTOR;
}

function parseDraft(input: unknown) {
  return parseInput(AdvisoryDraftSchema, input, "draft");
}

const iso = (time: string) => new Date(time).toISOString();

/**
 * Advisories: publishing a case's draft in every format, writing imported documents, reading with
 * TLP enforced by the policy module, downloads, and the KEV catalogue.
 */
export class AdvisoryService {
  constructor(
    private readonly db: Db,
    readonly publisher: PublisherInfo,
  ) {}

  /**
   * Publishes (or, given the id of an earlier publication, revises) an advisory in the caller's
   * transaction: CSAF, OSV and (with a CVE id) CVE documents, each validated; an invalid draft or
   * document throws a validation AppError and writes nothing. The same draft published twice is
   * one publication. `actor` null is the local operator at the CLI.
   */
  async publish(
    trx: Tx,
    actor: Principal | null,
    input: unknown,
    options: { caseId?: string } = {},
  ): Promise<Advisory> {
    if (actor) authorize(canPublishAdvisory(actor));
    const draft = parseDraft(input);
    // The content, not the id: re-publishing the first draft under its new id changes nothing.
    const contentHash = digestOf({ ...draft, id: undefined });
    const now = new Date().toISOString();
    let id = draft.id;
    let revision = 1;
    let published = draft.published !== undefined ? iso(draft.published) : now;
    let history: RenderMeta["history"] = [];
    const existing = id === undefined ? undefined : await store.lockVersion(trx, id);
    if (id !== undefined && existing !== undefined) {
      if (existing.source !== "case") throw conflict(`${id} is an imported advisory; publish under another id`);
      if (existing.content_hash === contentHash) return (await store.findAdvisory(trx, id))!.advisory;
      revision = existing.revision + 1;
      published = existing.published_at.toISOString();
      history = await store.csafRevisionHistory(trx, id);
    }
    if (id === undefined) {
      const year = new Date(published).getUTCFullYear();
      do id = `AICC-${year}-${String(await store.nextAdvisoryNumber(trx, year)).padStart(4, "0")}`;
      while (await store.idTaken(trx, id));
    }
    let modified =
      revision === 1 && draft.modified !== undefined ? iso(draft.modified) : revision === 1 ? published : now;
    if (modified < published) modified = published;
    const meta: RenderMeta = { id, revision, published, modified, history, publisher: this.publisher };
    const documents = renderDocuments(draft, meta);
    const headline = headlineScore(draft.cvss.map((c) => c.vector));
    const record: AdvisoryRecord = {
      id,
      source: "case",
      sourceId: id,
      caseId: options.caseId ?? null,
      osvId: osvIdFor(id),
      aliases: draft.aliases,
      cveId: cveIdOf(draft.aliases),
      title: draft.title,
      summary: draft.summary,
      severity: headline?.severity ?? null,
      cvssScore: headline?.score ?? null,
      tlp: draft.tlp,
      recipients: draft.recipients,
      revision,
      publishedAt: published,
      modifiedAt: modified,
      withdrawnAt: null,
      documents,
      contentHash,
      packages: packageRecords((documents.osv as { affected?: [] }).affected ?? []),
    };
    if (existing === undefined) await store.insertAdvisory(trx, record);
    else await store.replaceAdvisory(trx, record);
    await appendAudit(trx, auditActor(actor), {
      action: revision === 1 ? "advisory.publish" : "advisory.revise",
      subjectType: "advisory",
      subjectId: id,
      after: documents,
      details: { caseId: record.caseId, revision, tlp: draft.tlp, formats: Object.keys(documents) },
    });
    return (await store.findAdvisory(trx, id))!.advisory;
  }

  /** Stored source and content hash of advisories by id: imports skip unchanged documents without a transaction. */
  storedVersions(ids: readonly string[]) {
    return store.storedVersions(this.db, ids);
  }

  /**
   * Writes one imported advisory in the caller's transaction: unchanged content writes nothing;
   * new or changed content is stored with an audit entry. An id held by another source is a conflict.
   */
  async writeImported(trx: Tx, actor: Principal | null, record: AdvisoryRecord): Promise<ImportOutcome> {
    if (actor) authorize(canImportAdvisories(actor));
    // Insert first: most imported documents are new, and the insert tells us whether it was.
    let outcome: ImportOutcome = "created";
    let revision = 1;
    if (!(await store.insertAdvisory(trx, { ...record, revision }, { deferFlush: true }))) {
      const existing = (await store.lockVersion(trx, record.id))!;
      if (existing.source !== record.source) throw conflict(`${record.id} already exists from ${existing.source}`);
      if (existing.content_hash === record.contentHash) return "unchanged";
      revision = existing.revision + 1;
      outcome = "updated";
      await store.replaceAdvisory(trx, { ...record, revision });
    }
    await appendAudit(trx, auditActor(actor), {
      action: outcome === "created" ? "advisory.import" : "advisory.import_update",
      subjectType: "advisory",
      subjectId: record.id,
      details: { source: record.source, contentHash: record.contentHash, revision },
    });
    return outcome;
  }

  /** One advisory with its documents and KEV entry; unknown and unreadable advisories are both "not found". */
  async get(actor: Principal | null, id: string): Promise<AdvisoryDetail> {
    const found = await store.findAdvisory(this.db, id);
    if (found === undefined || !canReadAdvisory(actor, found.advisory).allow) throw notFound(`advisory ${id}`);
    const kev = found.advisory.cveId === null ? undefined : await kevStore.findKev(this.db, found.advisory.cveId);
    return { ...found.advisory, documents: found.documents, kev: kev ?? null };
  }

  /** Keyset page of the advisories the caller may read (the policy's read scope, as SQL). */
  list(actor: Principal | null, query: AdvisoryListQuery) {
    return store.listAdvisories(this.db, advisoryReadScope(actor), query);
  }

  /** One document of a readable advisory as a download; `stix` is built on the fly from the stored documents. */
  async download(actor: Principal | null, id: string, format: AdvisoryFormat | "stix"): Promise<AdvisoryFile> {
    const advisory = await this.get(actor, id);
    const docs = advisory.documents as AdvisoryDocuments;
    if (format === "stix") {
      return {
        filename: `${advisory.id}.stix.json`,
        body: JSON.stringify(renderStix(advisory, docs, this.publisher), null, 2),
      };
    }
    const doc = docs[format];
    if (doc === undefined) throw notFound(`the ${format} document of advisory ${id}`);
    return documentFile(advisory, format, doc);
  }

  /** Readable advisories with a document in `format`, in pages by id (exports). */
  documentsPage(actor: Principal | null, format: AdvisoryFormat, afterId: string, limit: number) {
    return store.documentsPage(this.db, advisoryReadScope(actor), format, afterId, limit);
  }

  /** The KEV entry of a CVE; pass the transaction when calling from inside one (PGlite has one connection). */
  async kevFor(cveId: string, trx?: Tx): Promise<KevEntry | undefined> {
    return kevStore.findKev(trx ?? this.db, cveId);
  }

  /** Replaces the KEV catalogue entries that changed, in one transaction with one audit entry. */
  async importKev(actor: Principal | null, entries: readonly KevEntry[], catalogVersion: string) {
    if (actor) authorize(canImportAdvisories(actor));
    const known = await kevStore.kevHashes(this.db);
    const hashed = entries.map((e) => ({ ...e, contentHash: digestOf(e) }));
    const changed = hashed.filter((e) => known.get(e.cveId) !== e.contentHash);
    const created = changed.filter((e) => !known.has(e.cveId)).length;
    if (changed.length > 0) {
      await this.db.transaction().execute(async (trx) => {
        await kevStore.upsertKev(trx, changed);
        await appendAudit(trx, auditActor(actor), {
          action: "kev.import",
          subjectType: "kev_catalog",
          subjectId: catalogVersion,
          details: { created, updated: changed.length - created },
        });
      });
    }
    return { created, updated: changed.length - created, unchanged: entries.length - changed.length };
  }
}

/** File name and text of a stored document, as downloads and exports write them. */
export function documentFile(
  advisory: Pick<Advisory, "id" | "cveId">,
  format: AdvisoryFormat,
  doc: unknown,
): AdvisoryFile {
  if (format === "csaf") return { filename: csafFilename(advisory.id), body: emitCsaf(doc as object) };
  // Imported ids are the source's: keep them from naming a path.
  const name = (format === "cve5" ? (advisory.cveId ?? advisory.id) : advisory.id).replace(/[^A-Za-z0-9._+-]/g, "_");
  return { filename: `${name}.json`, body: `${JSON.stringify(doc, null, 2)}\n` };
}
