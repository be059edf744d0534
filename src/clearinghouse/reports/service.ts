import { createHash } from "node:crypto";
import type { z } from "zod";
import { appendAudit } from "../../platform/audit/audit.ts";
import type { Db, Tx } from "../../platform/db/database.ts";
import { AppError, conflict, forbidden, invalid, notFound } from "../../platform/errors/errors.ts";
import type { Principal } from "../../platform/identity/model.ts";
import { actorOf, authorize } from "../../platform/identity/service.ts";
import { newId } from "../../platform/ids/ids.ts";
import {
  canAttachToReport,
  canReadReport,
  canSubmitReport,
  canTriageReports,
  canValidateReport,
  reportReadScope,
} from "../../platform/policy/index.ts";
import type { AdvisoryService } from "../advisories/service.ts";
import {
  type DedupDoc,
  type DuplicateCandidate,
  nameKey,
  packageKeys,
  purlPackageName,
  rankDuplicates,
  stackFingerprint,
} from "./dedup.ts";
import {
  type AffectedInput,
  canTransition,
  completeness,
  intakeStatus,
  type KevFact,
  MergeInput,
  type Report,
  type ReportDetail,
  ReportInput,
  type ReportListQuery,
  type ReportStatus,
  TransitionInput,
} from "./model.ts";
import { headlineCvss, scoreVectors, triageOutcome, triageRank } from "./scoring.ts";
import * as store from "./store.ts";

/** What reports need from advisories: KEV enrichment and advisory lookups for dedup. */
export type AdvisoryLookup = Pick<AdvisoryService, "kevFor" | "list">;

/** An uploaded file as the route hands it over. */
export interface Upload {
  filename: string;
  mediaType: string;
  content: Uint8Array;
}

/** Parses `input` with `schema`, naming every bad field (CLI and service callers; routes check first). */
function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields = result.error.issues.map((i) => ({ field: i.path.join(".") || "(input)", message: i.message }));
  throw new AppError("validation", fields.map((f) => `${f.field}: ${f.message}`).join("; "), fields);
}

const isCoordinator = (p: Principal) => canTriageReports(p).allow;

function completenessFacts(row: store.ReportRow, attachmentCount: number) {
  const provenance = row.provenance as ReportInput["provenance"];
  const disclosure = row.disclosure as ReportInput["disclosure"];
  return {
    affected: row.affected as AffectedInput[],
    cwes: row.cwes,
    cvss: (row.cvss as { vector: string }[]).map((c) => c.vector),
    impact: row.impact,
    reproduction: row.reproduction,
    provenance,
    disclosure,
    credit: (row.credit ?? undefined) as ReportInput["credit"],
    attachmentCount,
  };
}

/**
 * Report intake, validation and dedup: submit with provenance (quota per organisation), read and
 * list through the policy module, attachments by SHA-256, coordinator transitions with server-side
 * CVSS/SSVC and KEV enrichment, ranked duplicate candidates and merges.
 */
export class ReportService {
  constructor(
    private readonly db: Db,
    private readonly advisories: AdvisoryLookup,
  ) {}

  private async kevFacts(trx: Tx, cveIds: readonly string[]): Promise<KevFact[]> {
    const facts: KevFact[] = [];
    for (const cveId of cveIds) {
      const entry = await this.advisories.kevFor(cveId, trx);
      if (entry)
        facts.push({
          cveId,
          knownRansomware: entry.knownRansomware,
          dueDate: entry.dueDate,
          dateAdded: entry.dateAdded,
        });
    }
    return facts;
  }

  /** Submits a report for the caller's organisation; 429 `quota_exceeded` past the per-24-hour quota. */
  async submit(actor: Principal, input: unknown): Promise<Report> {
    authorize(canSubmitReport(actor));
    const data = parse(ReportInput, input);
    // Everything derived is computed before the transaction: a bad vector or SSVC input writes nothing.
    const cvss = scoreVectors(data.cvss);
    const ssvc = data.ssvc === undefined ? null : triageOutcome(data.ssvc, "ssvc");
    const facts = { ...data, attachmentCount: 0 };
    const complete = completeness(facts);
    return this.db.transaction().execute(async (trx) => {
      const { quotaPer24h } = await store.intakeSettings(trx);
      const recent = await store.lockAndCountRecent(trx, actor.org.id);
      if (recent >= quotaPer24h)
        throw new AppError(
          "quota_exceeded",
          `Your organisation has submitted ${recent} reports in the last 24 hours (quota ${quotaPer24h})`,
          [],
          {
            "retry-after": "3600",
          },
        );
      const kev = await this.kevFacts(trx, data.cveIds);
      const row = await store.insertReport(trx, {
        id: newId("rpt"),
        reporter_user_id: actor.userId,
        reporter_org_id: actor.org.id,
        title: data.title,
        description: data.description,
        affected: data.affected,
        package_keys: packageKeys(data.affected),
        cwes: data.cwes.map((c) => c.toUpperCase()),
        cve_ids: data.cveIds,
        cvss,
        cvss_score: headlineCvss(cvss),
        impact: data.impact,
        reproduction: data.reproduction,
        disclosure: data.disclosure,
        credit: data.credit ?? null,
        provenance_kind: data.provenance.kind,
        provenance: data.provenance,
        status: intakeStatus(facts),
        completeness: complete.score,
        missing: complete.missing,
        ssvc,
        triage_rank: triageRank(ssvc),
        kev,
        in_kev: kev.length > 0,
        tlp: data.tlp,
        stack: data.stack ?? null,
        fingerprint: stackFingerprint(data.stack),
        evidence: null,
        duplicate_of: null,
      });
      await store.indexForDedup(trx, row);
      await store.insertEvent(trx, {
        report_id: row.id,
        actor_user_id: actor.userId,
        kind: "submitted",
        from_status: null,
        to_status: row.status,
        note: row.status === "incomplete" ? `held back: missing ${complete.missing.join(", ")}` : "",
      });
      await appendAudit(trx, actorOf(actor), {
        action: "report.submit",
        subjectType: "report",
        subjectId: row.id,
        after: data,
        details: { status: row.status, provenance: data.provenance.kind },
      });
      return store.toReport(row, isCoordinator(actor));
    });
  }

  /** Reads one report; unknown and unreadable reports are both "not found" (ids of others are not confirmed). */
  private async readable(actor: Principal, id: string): Promise<store.ReportRow> {
    const row = await store.findReport(this.db, id);
    if (!row || !canReadReport(actor, { reporterOrgId: row.reporter_org_id }).allow) throw notFound(`report ${id}`);
    return row;
  }

  async get(actor: Principal, id: string): Promise<ReportDetail> {
    const row = await this.readable(actor, id);
    const [attachments, events] = await Promise.all([
      store.listAttachments(this.db, id),
      store.listEvents(this.db, id),
    ]);
    return { ...store.toReport(row, isCoordinator(actor)), attachments, events };
  }

  /** `mine`: the caller's organisation's reports (everything, for coordinators); `triage`: coordinators' queue. */
  async list(actor: Principal, query: ReportListQuery) {
    const scope = reportReadScope(actor);
    if (scope === null) throw forbidden('this API token lacks the "read" scope');
    if (query.view === "triage") authorize(canTriageReports(actor));
    const mine = query.view === "mine" ? ({ all: false, orgId: actor.org.id } as const) : scope;
    const page = await store.listReports(this.db, mine, query);
    const coordinator = isCoordinator(actor);
    return { items: page.items.map((r) => store.toReport(r, coordinator)), nextCursor: page.nextCursor };
  }

  /** Adds a file to a report, stored by SHA-256; a reproducer attached to an incomplete report may complete it. */
  async attach(actor: Principal, id: string, upload: Upload) {
    const [attached] = await this.attachFiles(actor, id, [upload]);
    return attached!;
  }

  /** The largest attachment this instance accepts, in bytes (routes enforce it while reading). */
  async attachmentMaxBytes(): Promise<number> {
    return (await store.intakeSettings(this.db)).attachmentMaxBytes;
  }

  /**
   * Adds several files to a report in one transaction (all or none), each stored by SHA-256; the
   * report's completeness is recomputed once. Errors name the file at fault.
   */
  async attachFiles(actor: Principal, id: string, uploads: readonly Upload[]) {
    const row = await this.readable(actor, id);
    authorize(canAttachToReport(actor, { reporterOrgId: row.reporter_org_id }));
    if (uploads.length === 0) throw invalid("files", "no file in the request");
    const files = uploads.map((upload) => {
      const filename = upload.filename.trim();
      if (filename === "" || filename.length > 255 || [...filename].some((c) => c < " " || c === "/" || c === "\\"))
        throw invalid("filename", "must be 1-255 characters without slashes or control characters");
      if (upload.content.byteLength === 0) throw invalid(filename, "the file is empty");
      const sha256 = createHash("sha256").update(upload.content).digest("hex");
      return { ...upload, filename, sha256, size: upload.content.byteLength };
    });
    return this.db.transaction().execute(async (trx) => {
      const { attachmentMaxBytes } = await store.intakeSettings(trx);
      for (const file of files)
        if (file.size > attachmentMaxBytes)
          throw new AppError(
            "payload_too_large",
            `${file.filename}: attachments are limited to ${attachmentMaxBytes} bytes`,
            [{ field: file.filename, message: `larger than ${attachmentMaxBytes} bytes` }],
          );
      const current = (await store.findReport(trx, id, { lock: true }))!;
      const results = [];
      for (const file of files) {
        await store.putBlob(trx, file.sha256, file.content);
        const added = await store.insertAttachment(trx, {
          reportId: id,
          sha256: file.sha256,
          filename: file.filename,
          size: file.size,
          mediaType: file.mediaType.slice(0, 200),
          uploadedBy: actor.userId,
        });
        results.push({
          sha256: file.sha256,
          filename: file.filename,
          size: file.size,
          mediaType: file.mediaType,
          added,
        });
      }
      const added = results.filter((r) => r.added);
      if (added.length > 0) {
        const facts = completenessFacts(current, await store.countAttachments(trx, id));
        const complete = completeness(facts);
        const next = current.status === "incomplete" ? intakeStatus(facts) : current.status;
        await store.updateReport(trx, id, { completeness: complete.score, missing: complete.missing, status: next });
        for (const file of added)
          await store.insertEvent(trx, {
            report_id: id,
            actor_user_id: actor.userId,
            kind: "attachment",
            from_status: current.status,
            to_status: next,
            note: file.filename,
            details: { sha256: file.sha256 },
          });
        await appendAudit(trx, actorOf(actor), {
          action: "report.attach",
          subjectType: "report",
          subjectId: id,
          details: { files: added.map((f) => ({ sha256: f.sha256, size: f.size })) },
        });
      }
      return results;
    });
  }

  /** An attachment's bytes for download (callers always serve them as application/octet-stream attachments). */
  async download(actor: Principal, id: string, sha256: string) {
    await this.readable(actor, id);
    const found = await store.findAttachment(this.db, id, sha256);
    if (!found) throw notFound(`attachment ${sha256} of report ${id}`);
    return { filename: found.filename, content: found.content };
  }

  /**
   * Moves a report to another state (coordinators). CVSS scores, the SSVC outcome and KEV facts are
   * recomputed; validating needs reproduction evidence, which is recorded.
   */
  async transition(actor: Principal, id: string, input: unknown): Promise<Report> {
    authorize(canValidateReport(actor));
    const data = parse(TransitionInput, input);
    if (data.to === "valid" && data.evidence === undefined)
      throw invalid("evidence", "validating a report needs reproduction evidence");
    const cvssInput = data.cvss === undefined ? undefined : scoreVectors(data.cvss);
    const ssvcInput = data.ssvc === undefined ? undefined : triageOutcome(data.ssvc, "ssvc");
    return this.db.transaction().execute(async (trx) => {
      const row = await store.findReport(trx, id, { lock: true });
      if (!row) throw notFound(`report ${id}`);
      const from = row.status as ReportStatus;
      if (!canTransition(from, data.to)) throw conflict(`a ${from} report cannot become ${data.to}`);
      const cvss = cvssInput ?? scoreVectors((row.cvss as { vector: string }[]).map((c) => c.vector));
      const stored = row.ssvc as { inputs: Record<string, string> } | null;
      const ssvc = ssvcInput ?? (stored === null ? null : triageOutcome(stored.inputs, "ssvc"));
      const kev = await this.kevFacts(trx, row.cve_ids);
      const updated = await store.updateReport(trx, id, {
        status: data.to,
        cvss,
        cvss_score: headlineCvss(cvss),
        ssvc,
        triage_rank: triageRank(ssvc),
        kev,
        in_kev: kev.length > 0,
        ...(data.evidence
          ? { evidence: { ...data.evidence, recordedBy: actor.userId, at: new Date().toISOString() } }
          : {}),
      });
      await store.insertEvent(trx, {
        report_id: id,
        actor_user_id: actor.userId,
        kind: "transition",
        from_status: from,
        to_status: data.to,
        note: data.note,
        details: data.evidence ? { evidence: data.evidence } : {},
      });
      await appendAudit(trx, actorOf(actor), {
        action: "report.transition",
        subjectType: "report",
        subjectId: id,
        after: { status: data.to, cvss, ssvc },
        details: { from, to: data.to },
      });
      return store.toReport(updated, true);
    });
  }

  /**
   * Ranked duplicate candidates among stored reports and readable published advisories, with the
   * reasons. Coordinators only: candidates span organisations.
   */
  async duplicates(actor: Principal, id: string): Promise<DuplicateCandidate[]> {
    authorize(canTriageReports(actor));
    const row = await store.findReport(this.db, id);
    if (!row) throw notFound(`report ${id}`);
    const subject: DedupDoc = {
      id: row.id,
      kind: "report",
      title: row.title,
      text: row.description,
      packageKeys: row.package_keys,
      cwes: row.cwes,
      fingerprint: row.fingerprint,
      createdAt: row.created_at.toISOString(),
    };
    const candidates = await store.dedupCandidates(this.db, row);
    candidates.push(...(await this.advisoryCandidates(actor, row.affected as AffectedInput[])));
    return rankDuplicates(subject, candidates);
  }

  /** Published advisories (that the coordinator may read) naming one of the report's packages. */
  private async advisoryCandidates(actor: Principal, affected: readonly AffectedInput[]): Promise<DedupDoc[]> {
    const lookups = new Map<string, string[]>();
    for (const a of affected) {
      if (a.kind === "purl") {
        const name = purlPackageName(a.purl);
        if (name) lookups.set(name, packageKeys([a]));
      } else if (a.kind === "product") lookups.set(a.product, [`name:${nameKey(a.product)}`]);
    }
    const docs = new Map<string, DedupDoc>();
    for (const [name, keys] of lookups) {
      const page = await this.advisories.list(actor, { package: name, limit: 50 });
      for (const adv of page.items) {
        const known = docs.get(adv.id);
        docs.set(adv.id, {
          id: adv.id,
          kind: "advisory",
          title: adv.title,
          text: adv.summary,
          packageKeys: [...(known?.packageKeys ?? []), ...keys],
          cwes: [],
          fingerprint: null,
          createdAt: adv.publishedAt,
        });
      }
    }
    return [...docs.values()];
  }

  /**
   * Merges a duplicate into the original report (coordinators): the duplicate is closed and linked;
   * the original keeps its reporter's credit, so it must be the earlier report.
   */
  async merge(actor: Principal, id: string, input: unknown): Promise<Report> {
    authorize(canValidateReport(actor));
    const data = parse(MergeInput, input);
    if (data.into === id) throw invalid("into", "a report cannot be merged into itself");
    return this.db.transaction().execute(async (trx) => {
      // Lock in id order so two merges of the same pair cannot deadlock.
      const [first, second] = [id, data.into].sort();
      const rows = new Map<string, store.ReportRow | undefined>();
      rows.set(first!, await store.findReport(trx, first!, { lock: true }));
      rows.set(second!, await store.findReport(trx, second!, { lock: true }));
      const duplicate = rows.get(id);
      const original = rows.get(data.into);
      if (!duplicate) throw notFound(`report ${id}`);
      if (!original) throw invalid("into", `no report ${data.into}`);
      if (duplicate.duplicate_of !== null) throw conflict(`${id} is already merged into ${duplicate.duplicate_of}`);
      if (original.duplicate_of !== null)
        throw invalid("into", `${data.into} is itself a duplicate of ${original.duplicate_of}; merge into that one`);
      if (original.created_at > duplicate.created_at)
        throw invalid("into", "the original must be the earlier report: its reporter keeps the credit");
      const updated = await store.updateReport(trx, id, { status: "closed", duplicate_of: data.into });
      // The duplicate's reporter may not see the original (another organisation's report, maybe embargoed).
      await store.insertEvent(trx, {
        report_id: id,
        actor_user_id: actor.userId,
        kind: "merged",
        from_status: duplicate.status,
        to_status: "closed",
        note: "closed as a duplicate of an earlier report",
        details: { into: data.into, note: data.note },
      });
      await store.insertEvent(trx, {
        report_id: data.into,
        actor_user_id: actor.userId,
        kind: "duplicate_received",
        from_status: null,
        to_status: null,
        note: "a later report of the same flaw was merged into this one",
        details: { duplicate: id, reporterOrgId: duplicate.reporter_org_id },
      });
      await appendAudit(trx, actorOf(actor), {
        action: "report.merge",
        subjectType: "report",
        subjectId: id,
        details: { into: data.into, note: data.note },
      });
      return store.toReport(updated, true);
    });
  }

  // ---- for the cases module (inside its transaction; it checks case access through the policy) ----

  /** Reports by id (in the caller's transaction, if any); unknown ids are left out. */
  async forCase(conn: Db | Tx, ids: readonly string[]): Promise<Report[]> {
    const reports: Report[] = [];
    for (const id of ids) {
      const row = await store.findReport(conn, id);
      if (row) reports.push(store.toReport(row, true));
    }
    return reports;
  }

  /**
   * Accepts a report into a case in the caller's transaction (coordinators): a valid or deferred
   * report becomes accepted, an accepted one stays; any other state is a conflict naming it.
   */
  async acceptForCase(trx: Tx, actor: Principal, id: string, caseId: string): Promise<Report> {
    authorize(canValidateReport(actor));
    const row = await store.findReport(trx, id, { lock: true });
    if (!row) throw invalid("reportIds", `no report ${id}`);
    const from = row.status as ReportStatus;
    if (from === "accepted") return store.toReport(row, true);
    if (!canTransition(from, "accepted"))
      throw conflict(`report ${id} is ${from}: only valid or deferred reports join a case (validate it first)`);
    const updated = await store.updateReport(trx, id, { status: "accepted" });
    await store.insertEvent(trx, {
      report_id: id,
      actor_user_id: actor.userId,
      kind: "transition",
      from_status: from,
      to_status: "accepted",
      note: `accepted into case ${caseId}`,
      details: { caseId },
    });
    await appendAudit(trx, actorOf(actor), {
      action: "report.transition",
      subjectType: "report",
      subjectId: id,
      details: { from, to: "accepted", caseId },
    });
    return store.toReport(updated, true);
  }
}
