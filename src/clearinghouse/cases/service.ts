import { appendAudit } from "../../platform/audit/audit.ts";
import type { Db, Tx } from "../../platform/db/database.ts";
import { AppError, forbidden, invalid, notFound, parseInput } from "../../platform/errors/errors.ts";
import type { Principal } from "../../platform/identity/model.ts";
import { actorOf, authorize } from "../../platform/identity/service.ts";
import { newId } from "../../platform/ids/ids.ts";
import type { Notifier } from "../../platform/notifications/model.ts";
import {
  type CaseAccessFacts,
  type CaseAudience,
  canCoordinateCase,
  canMessageCase,
  canPublishCase,
  canReadCase,
  canReadCaseItem,
  canReadReport,
  canSetCaseFlags,
  canStateOnCase,
  caseReadScope,
} from "../../platform/policy/index.ts";
import type { AdvisoryService } from "../advisories/service.ts";
import type { CveIdService } from "../cve-ids/service.ts";
import type { Report } from "../reports/model.ts";
import { scoreVectors } from "../reports/scoring.ts";
import type { ReportService } from "../reports/service.ts";
import { caseDrafts } from "./draft.ts";
import {
  CASE_FLAGS,
  type CaseDetail,
  type CaseFlag,
  type CaseListQuery,
  CaseOpenInput,
  type CaseRole,
  type CaseSummary,
  type Embargo,
  EmbargoInput,
  earlyExitReason,
  effectiveEmbargo,
  embargoAfter,
  FlagsInput,
  LinkReportInput,
  type Message,
  MessageInput,
  ParticipantInput,
  PublishInput,
  remediationOf,
  remediationPolicy,
  StatementInput,
  VENDOR_FLAGS,
  VulnerabilityInput,
} from "./model.ts";
import * as store from "./store.ts";

/** What cases need from reports: reading them and accepting them, inside the case's transaction. */
export type CaseReports = Pick<ReportService, "forCase" | "acceptForCase">;
/** What cases need from advisories: publishing drafts and KEV due dates. */
export type CaseAdvisories = Pick<AdvisoryService, "publish" | "kevFor">;
/** What cases need from the CNA block: marking our reserved CVE ids published with their advisory. */
export type CaseCveIds = Pick<CveIdService, "markPublished">;

/** Notification titles are one line: participant-written titles may not be. */
const oneLine = (text: string, max = 160) => {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
};

/** Coordinator-triage outcomes, strongest first: a case takes its strongest report's. */
const TRIAGE_ORDER = ["Coordinate", "Track", "Decline"];

function strongestTriage(reports: readonly Report[]): string | null {
  const outcomes = reports.map((r) => r.ssvc?.outcomeName).filter((o): o is string => o !== undefined);
  return outcomes.sort((a, b) => TRIAGE_ORDER.indexOf(a) - TRIAGE_ORDER.indexOf(b))[0] ?? null;
}

interface Readable {
  row: store.CaseRow;
  facts: CaseAccessFacts;
}

/**
 * Coordination cases (CERT/CC): open from reports, link duplicates, participants with their report
 * states, flags, the embargo, vulnerabilities, vendor statements (VEX), messages, and publication
 * as advisories. Access goes through the policy module; an unreadable case is "not found". Every
 * use case is one transaction with a timeline event, an audit entry and its notifications.
 */
export class CaseService {
  constructor(
    private readonly db: Db,
    private readonly reports: CaseReports,
    private readonly advisories: CaseAdvisories,
    private readonly notifier: Notifier,
    private readonly cveIds: CaseCveIds,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  // ---- reading ------------------------------------------------------------------------------------

  /** The case and the caller's part in it; unknown and unreadable cases are both "not found". */
  private async readable(conn: Db | Tx, actor: Principal, id: string, lock = false): Promise<Readable> {
    const row = await store.findCase(conn, id, { lock });
    if (!row) throw notFound(`case ${id}`);
    const facts: CaseAccessFacts = {
      participantRole: await store.participantRole(conn, id, actor.org.id),
      published: row.published_at !== null,
    };
    if (!canReadCase(actor, facts).allow) throw notFound(`case ${id}`);
    return { row, facts };
  }

  private async summaryOf(row: store.CaseListRow, policy: Record<string, number | null>): Promise<CaseSummary> {
    const kevDueDates: string[] = [];
    for (const cveId of row.cve_ids) {
      const due = (await this.advisories.kevFor(cveId))?.dueDate;
      if (due) kevDueDates.push(due);
    }
    return {
      id: row.id,
      title: row.title,
      status: row.status as CaseSummary["status"],
      tlp: row.tlp as CaseSummary["tlp"],
      flags: store.toFlags(row),
      embargo: effectiveEmbargo(store.toEmbargo(row), this.clock()),
      remediation: remediationOf({ ssvcOutcome: row.ssvc_outcome, policy, kevDueDates, openedAt: row.created_at }),
      participantCount: row.participant_count,
      advisoryId: row.advisory_id,
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
    };
  }

  /** The cases the caller may read (the policy's read scope, as SQL), newest first. */
  async list(actor: Principal, query: CaseListQuery) {
    const scope = caseReadScope(actor);
    if (scope === null) throw forbidden('this API token lacks the "read" scope');
    const page = await store.listCases(this.db, scope, query);
    const policy = remediationPolicy(await store.remediationSetting(this.db));
    const items: CaseSummary[] = [];
    for (const row of page.items) items.push(await this.summaryOf(row, policy));
    return { items, nextCursor: page.nextCursor };
  }

  /** One case with what the caller may see of it: reports, statements, timeline entries. */
  async get(actor: Principal, id: string): Promise<CaseDetail> {
    const { row, facts } = await this.readable(this.db, actor, id);
    const [listRow, participants, vulnerabilities, statements, links, events, setting] = await Promise.all([
      store.findCaseListRow(this.db, id),
      store.listParticipants(this.db, id),
      store.listVulnerabilities(this.db, id),
      store.listStatements(this.db, id),
      store.listReportLinks(this.db, id),
      store.listEvents(this.db, id),
      store.remediationSetting(this.db),
    ]);
    const reports = await this.reports.forCase(
      this.db,
      links.map((l) => l.report_id),
    );
    const sees = (audience: CaseAudience) => canReadCaseItem(actor, facts, audience).allow;
    return {
      ...(await this.summaryOf(listRow!, remediationPolicy(setting))),
      summary: row.summary,
      participants: participants.map((p) => ({
        orgId: p.org_id,
        orgName: p.org_name,
        orgKind: p.org_kind,
        role: p.role,
        reportState: p.report_state,
        addedAt: p.added_at.toISOString(),
      })),
      vulnerabilities: vulnerabilities.map(store.toVulnerability),
      statements: statements.filter((s) => sees({ visibility: "statement", vendorOrgId: s.vendorOrgId })),
      reports: reports
        .filter((r) => canReadReport(actor, { reporterOrgId: r.reporterOrgId }).allow)
        .map((r) => ({ id: r.id, title: r.title, status: r.status })),
      timeline: events
        .filter((e) => sees(e.audience))
        .map((e) => ({ at: e.at, kind: e.kind, actorName: e.actorName, summary: e.summary })),
      can: {
        coordinate: canCoordinateCase(actor).allow,
        state: canStateOnCase(actor, facts, actor.org.id).allow,
        message: canMessageCase(actor, facts).allow,
        publish: canPublishCase(actor).allow,
      },
    };
  }

  /** Messages the caller may read: coordinators all, others those for every participant and their own. */
  async messages(actor: Principal, id: string): Promise<{ items: Message[] }> {
    const { facts } = await this.readable(this.db, actor, id);
    const rows = await store.listMessages(this.db, id);
    const items = rows
      .filter(
        (m) =>
          canReadCaseItem(
            actor,
            facts,
            m.visibility === "coordinators"
              ? { visibility: "coordinators", authorUserId: m.authorUserId }
              : { visibility: "participants" },
          ).allow,
      )
      .map(({ authorUserId: _author, ...message }) => message);
    return { items };
  }

  // ---- helpers of the use cases -------------------------------------------------------------------

  private async record(
    trx: Tx,
    actor: Principal,
    caseId: string,
    event: { kind: string; summary: string; audience?: CaseAudience; audit?: Record<string, unknown> },
  ): Promise<void> {
    await store.insertEvent(trx, {
      caseId,
      actorUserId: actor.userId,
      kind: event.kind,
      summary: event.summary,
      ...(event.audience !== undefined && { audience: event.audience }),
      ...(event.audit !== undefined && { details: event.audit }),
    });
    await appendAudit(trx, actorOf(actor), {
      action: `case.${event.kind}`,
      subjectType: "case",
      subjectId: caseId,
      details: event.audit ?? {},
    });
  }

  private async participantOrgs(trx: Tx, caseId: string, roles?: readonly CaseRole[]): Promise<string[]> {
    const all = await store.listParticipants(trx, caseId);
    return all.filter((p) => roles === undefined || roles.includes(p.role)).map((p) => p.org_id);
  }

  private async notify(
    trx: Tx,
    row: store.CaseRow,
    kind: string,
    title: string,
    body: string,
    orgIds: readonly string[],
  ): Promise<void> {
    if (orgIds.length === 0) return;
    await this.notifier.notify(trx, {
      kind,
      title: oneLine(title, 300),
      body,
      link: `/clearinghouse/cases/${row.id}`,
      recipients: { orgIds },
      data: { caseId: row.id },
    });
  }

  private async orgOf(trx: Tx, orgId: string, field: string) {
    const org = await store.findOrg(trx, orgId);
    if (!org) throw invalid(field, `no organisation ${orgId}`);
    return org;
  }

  // ---- use cases ----------------------------------------------------------------------------------

  /**
   * Opens a case from validated reports (coordinators): the coordinator's organisation, the
   * reporters' and the named vendors take part; one vulnerability per report; the reports become
   * accepted.
   */
  async open(actor: Principal, input: unknown): Promise<CaseDetail> {
    authorize(canCoordinateCase(actor));
    const data = parseInput(CaseOpenInput, input);
    const reportIds = [...new Set(data.reportIds)];
    const vendorOrgIds = [...new Set(data.vendorOrgIds)];
    const id = newId("case");
    await this.db.transaction().execute(async (trx) => {
      const reports: Report[] = [];
      for (const [i, reportId] of reportIds.entries()) {
        const linked = await store.caseOfReport(trx, reportId);
        if (linked) throw invalid(`reportIds.${i}`, `report ${reportId} is already in case ${linked.case_id}`);
        reports.push(await this.reports.acceptForCase(trx, actor, reportId, id));
      }
      const vendors = [];
      for (const [i, orgId] of vendorOrgIds.entries()) vendors.push(await this.orgOf(trx, orgId, `vendorOrgIds.${i}`));
      const row = await store.insertCase(trx, {
        id,
        title: data.title,
        summary: data.summary,
        tlp: data.tlp,
        ssvc_outcome: strongestTriage(reports),
        created_by: actor.userId,
      });
      const join = (orgId: string, role: CaseRole, reportState: "accepted" | "received") =>
        store.insertParticipant(trx, { caseId: id, orgId, role, reportState, addedBy: actor.userId });
      await join(actor.org.id, "coordinator", "accepted");
      for (const v of vendors) await join(v.id, "vendor", "received");
      for (const r of reports) await join(r.reporterOrgId, "reporter", "accepted");
      if (vendors.length > 0) await store.updateCase(trx, id, { vendor_aware: true });
      for (const r of reports) {
        await store.linkReport(trx, { caseId: id, reportId: r.id, duplicate: false, shared: true });
        await store.insertVulnerability(trx, {
          case_id: id,
          report_id: r.id,
          title: r.title,
          description: r.description,
          cve_id: r.cveIds[0] ?? null,
          cwes: r.cwes,
          cvss: r.cvss,
          affected: r.affected,
        });
      }
      await this.record(trx, actor, id, {
        kind: "open",
        summary: `Case opened from ${reports.length} report${reports.length === 1 ? "" : "s"}${vendors.length ? `; vendors: ${vendors.map((v) => v.name).join(", ")}` : ""}`,
        audit: { reportIds, vendorOrgIds, tlp: data.tlp },
      });
      const others = (await this.participantOrgs(trx, id)).filter((o) => o !== actor.org.id);
      await this.notify(
        trx,
        row,
        "case.participant_added",
        `You take part in case "${data.title}"`,
        `${actor.org.name} opened a coordination case and added your organisation.`,
        others,
      );
    });
    return this.get(actor, id);
  }

  /**
   * Links a duplicate report (coordinators). Its reporter's organisation takes part only when the
   * coordinator shares the case with it; otherwise nothing tells that reporter about the case.
   */
  async linkReport(actor: Principal, id: string, input: unknown): Promise<CaseDetail> {
    const data = parseInput(LinkReportInput, input);
    await this.db.transaction().execute(async (trx) => {
      const { row } = await this.readable(trx, actor, id, true);
      authorize(canCoordinateCase(actor));
      const linked = await store.caseOfReport(trx, data.reportId);
      if (linked) throw invalid("reportId", `report ${data.reportId} is already in case ${linked.case_id}`);
      const [report] = await this.reports.forCase(trx, [data.reportId]);
      if (!report) throw invalid("reportId", `no report ${data.reportId}`);
      await store.linkReport(trx, { caseId: id, reportId: report.id, duplicate: true, shared: data.share });
      const joined =
        data.share &&
        (await store.insertParticipant(trx, {
          caseId: id,
          orgId: report.reporterOrgId,
          role: "reporter",
          reportState: "accepted",
          addedBy: actor.userId,
        }));
      await store.updateCase(trx, id, {});
      await this.record(trx, actor, id, {
        kind: "link_report",
        summary: joined
          ? "A duplicate report was linked; its reporter joins the case"
          : `Duplicate report ${report.id} linked${data.share ? "" : " (not shared with its reporter)"}`,
        audience: data.share ? { visibility: "participants" } : { visibility: "coordinators", authorUserId: null },
        audit: { reportId: report.id, share: data.share },
      });
      if (joined)
        await this.notify(
          trx,
          row,
          "case.participant_added",
          `You take part in case "${row.title}"`,
          "A coordinator linked your report to an existing coordination case and shared the case with you.",
          [report.reporterOrgId],
        );
    });
    return this.get(actor, id);
  }

  /** Adds an organisation to a case (coordinators); a vendor's joining makes the case vendor-aware. */
  async addParticipant(actor: Principal, id: string, input: unknown): Promise<CaseDetail> {
    const data = parseInput(ParticipantInput, input);
    await this.db.transaction().execute(async (trx) => {
      const { row } = await this.readable(trx, actor, id, true);
      authorize(canCoordinateCase(actor));
      const org = await this.orgOf(trx, data.orgId, "orgId");
      if (data.role === "coordinator" && org.kind !== "government")
        throw invalid("role", "only government organisations coordinate cases");
      const added = await store.insertParticipant(trx, {
        caseId: id,
        orgId: org.id,
        role: data.role,
        reportState: data.role === "coordinator" ? "accepted" : "received",
        addedBy: actor.userId,
      });
      if (!added) throw new AppError("conflict", `${org.name} already takes part in this case`);
      await store.updateCase(trx, id, data.role === "vendor" ? { vendor_aware: true } : {});
      await this.record(trx, actor, id, {
        kind: "participant_added",
        summary: `${org.name} joined as ${data.role}`,
        audit: { orgId: org.id, role: data.role },
      });
      await this.notify(
        trx,
        row,
        "case.participant_added",
        `You take part in case "${row.title}"`,
        `${actor.org.name} added your organisation to a coordination case as ${data.role}.`,
        [org.id],
      );
    });
    return this.get(actor, id);
  }

  /**
   * Sets case flags (coordinators; vendors only fixReady/fixDeployed). Public knowledge (publicAware,
   * exploitPublic, attacksObserved) ends an embargo in force early, and every participant is told.
   */
  async setFlags(actor: Principal, id: string, input: unknown): Promise<CaseDetail> {
    const { flags } = parseInput(FlagsInput, input);
    const given = CASE_FLAGS.filter((f) => flags[f] !== undefined);
    await this.db.transaction().execute(async (trx) => {
      const { row, facts } = await this.readable(trx, actor, id, true);
      authorize(canSetCaseFlags(actor, facts, given, VENDOR_FLAGS));
      const current = store.toFlags(row);
      const changed = given.filter((f) => flags[f] !== current[f]);
      if (changed.length === 0) return;
      const patch: store.CasePatch = {};
      for (const f of changed) patch[store.FLAG_COLUMNS[f]] = flags[f]!;
      const now = this.clock();
      const embargo = effectiveEmbargo(store.toEmbargo(row), now);
      const reason = earlyExitReason(embargo, flags);
      const exited = reason === null ? null : embargoAfter(embargo, { action: "exit" }, now, reason);
      await store.updateCase(trx, id, { ...patch, ...(exited && store.embargoColumns(exited)) });
      const words = (f: CaseFlag) => `${f} ${flags[f] ? "set" : "cleared"}`;
      await this.record(trx, actor, id, {
        kind: "flags",
        summary: `Flags: ${changed.map(words).join(", ")}`,
        audit: { flags: Object.fromEntries(changed.map((f) => [f, flags[f]])) },
      });
      if (exited) {
        await this.record(trx, actor, id, {
          kind: "embargo_exit",
          summary: `Embargo ended early: ${reason}`,
          audit: { from: embargo.state, reason },
        });
        await this.notify(
          trx,
          row,
          "case.embargo_changed",
          `Embargo ended early in case "${row.title}"`,
          `The embargo ended early (${reason}).`,
          await this.participantOrgs(trx, id),
        );
      }
    });
    return this.get(actor, id);
  }

  /** Runs the embargo (coordinators): propose, accept, revise, exit; a move the state forbids is 409. */
  async embargo(actor: Principal, id: string, input: unknown): Promise<CaseDetail> {
    const data = parseInput(EmbargoInput, input);
    await this.db.transaction().execute(async (trx) => {
      const { row } = await this.readable(trx, actor, id, true);
      authorize(canCoordinateCase(actor));
      const current = effectiveEmbargo(store.toEmbargo(row), this.clock());
      const next = embargoAfter(current, data, this.clock());
      await store.updateCase(trx, id, store.embargoColumns(next));
      const summary = embargoSummary(data.action, next);
      await this.record(trx, actor, id, {
        kind: `embargo_${data.action}`,
        summary,
        audit: { from: current.state, to: next.state, endsAt: next.endsAt, proposedEndsAt: next.proposedEndsAt },
      });
      await this.notify(
        trx,
        row,
        "case.embargo_changed",
        `Embargo ${next.state} in case "${row.title}"`,
        summary,
        await this.participantOrgs(trx, id),
      );
    });
    return this.get(actor, id);
  }

  /** Adds a vulnerability to a case (coordinators); CVSS scores are computed here. */
  async addVulnerability(actor: Principal, id: string, input: unknown): Promise<CaseDetail> {
    const data = parseInput(VulnerabilityInput, input);
    const cvss = scoreVectors(data.cvss);
    await this.db.transaction().execute(async (trx) => {
      await this.readable(trx, actor, id, true);
      authorize(canCoordinateCase(actor));
      const vul = await store.insertVulnerability(trx, {
        case_id: id,
        report_id: null,
        title: data.title,
        description: data.description,
        cve_id: data.cveId ?? null,
        cwes: data.cwes.map((c) => c.toUpperCase()),
        cvss,
        affected: data.affected,
      });
      await store.updateCase(trx, id, {});
      await this.record(trx, actor, id, {
        kind: "vulnerability_added",
        summary: `Vulnerability added: ${oneLine(data.title)}`,
        audit: { vulnerabilityId: vul.id, cveId: vul.cve_id },
      });
    });
    return this.get(actor, id);
  }

  /**
   * Upserts a vendor statement (a vendor for its own organisation; coordinators for any vendor of
   * the case). Until publication only coordinators and the stating vendor see it, and are told.
   */
  async putStatement(actor: Principal, id: string, input: unknown): Promise<CaseDetail> {
    const data = parseInput(StatementInput, input);
    await this.db.transaction().execute(async (trx) => {
      const { row, facts } = await this.readable(trx, actor, id, true);
      const vendorOrgId = data.vendorOrgId ?? actor.org.id;
      authorize(canStateOnCase(actor, facts, vendorOrgId));
      if ((await store.participantRole(trx, id, vendorOrgId)) !== "vendor")
        throw invalid("vendorOrgId", "statements are made for a vendor of this case");
      const vul = (await store.listVulnerabilities(trx, id)).find((v) => v.id === data.vulnerabilityId);
      if (!vul) throw invalid("vulnerabilityId", `no vulnerability ${data.vulnerabilityId} in this case`);
      const outcome = await store.upsertStatement(trx, {
        case_id: id,
        vulnerability_id: vul.id,
        vendor_org_id: vendorOrgId,
        product: data.product,
        status: data.status,
        justification: data.justification ?? null,
        impact_statement: data.impactStatement ?? null,
        action_statement: data.actionStatement ?? null,
        fixed_versions: data.fixedVersions,
        workarounds: data.workarounds,
        updated_by: actor.userId,
      });
      // A vendor that states has engaged with the case.
      await store.setReportState(trx, id, "accepted", { orgId: vendorOrgId, fromStates: ["received"] });
      await store.updateCase(trx, id, {});
      const vendor = (await store.findOrg(trx, vendorOrgId))!;
      await this.record(trx, actor, id, {
        kind: "statement",
        summary: `${vendor.name} ${outcome === "created" ? "stated" : "revised its statement:"} ${data.status} for ${oneLine(data.product, 200)} (${oneLine(vul.title, 100)})`,
        audience: { visibility: "statement", vendorOrgId },
        audit: { vulnerabilityId: vul.id, vendorOrgId, product: data.product, status: data.status },
      });
      const told = facts.published
        ? await this.participantOrgs(trx, id)
        : [...(await this.participantOrgs(trx, id, ["coordinator"])), vendorOrgId];
      await this.notify(
        trx,
        row,
        "case.statement_posted",
        `${vendor.name} posted a vendor statement in case "${row.title}"`,
        `A statement about ${oneLine(data.product, 200)} was ${outcome}.`,
        told,
      );
    });
    return this.get(actor, id);
  }

  /** Posts a message (any participant, operators too; coordinators). Coordinators-only messages stay with them and the author. */
  async postMessage(actor: Principal, id: string, input: unknown): Promise<Message> {
    const data = parseInput(MessageInput, input);
    return this.db.transaction().execute(async (trx) => {
      const { row, facts } = await this.readable(trx, actor, id, true);
      authorize(canMessageCase(actor, facts));
      const { authorUserId: _author, ...message } = await store.insertMessage(trx, {
        caseId: id,
        authorUserId: actor.userId,
        authorOrgId: actor.org.id,
        body: data.body,
        visibility: data.visibility,
      });
      const coordinatorsOnly = data.visibility === "coordinators";
      await store.updateCase(trx, id, {});
      await this.record(trx, actor, id, {
        kind: "message",
        summary: `${actor.displayName} (${actor.org.name}) wrote ${coordinatorsOnly ? "to the coordinators" : "a message"}`,
        audience: coordinatorsOnly ? { visibility: "coordinators", authorUserId: actor.userId } : undefined,
        audit: { messageId: message.id, visibility: data.visibility },
      });
      // Coordinators-only text never travels in a notice: a coordinator organisation's other members get it too.
      await this.notify(
        trx,
        row,
        "case.message",
        `${actor.displayName} wrote in case "${row.title}"`,
        coordinatorsOnly ? "A message for the coordinators; read it in the case." : data.body,
        coordinatorsOnly ? await this.participantOrgs(trx, id, ["coordinator"]) : await this.participantOrgs(trx, id),
      );
      return message;
    });
  }

  /**
   * Publishes the case (coordinators): an advisory per vulnerability through the advisory service
   * (CSAF, OSV, CVE 5, each validated), the embargo exits ("published"), the case becomes public-aware.
   * Anything invalid refuses the whole publication, naming `vulnerabilities.N.…`; nothing is written.
   * Publishing again revises the advisories.
   */
  async publish(actor: Principal, id: string, input: unknown): Promise<{ caseId: string; advisoryIds: string[] }> {
    const data = parseInput(PublishInput, input);
    return this.db.transaction().execute(async (trx) => {
      const { row } = await this.readable(trx, actor, id, true);
      authorize(canPublishCase(actor));
      const tlp = data.tlp ?? (row.tlp as NonNullable<typeof data.tlp>);
      const vulnerabilities = await store.listVulnerabilities(trx, id);
      if (vulnerabilities.length === 0) throw invalid("vulnerabilities", "the case has no vulnerability to publish");
      const statements = await store.listStatements(trx, id);
      const recipients = await this.participantOrgs(trx, id);
      const firstReport = (await store.listReportLinks(trx, id)).find((l) => !l.duplicate);
      const [report] = firstReport ? await this.reports.forCase(trx, [firstReport.report_id]) : [];
      const credit = report?.credit as { name?: string; public?: boolean } | null | undefined;
      const creditName = credit?.name !== undefined && credit.public !== false ? credit.name : null;

      const drafts = caseDrafts(
        vulnerabilities.map((v) => ({ ...store.toVulnerability(v), advisoryId: v.advisory_id })),
        { statements, credit: creditName, tlp, recipients },
      );
      const advisoryIds: string[] = [];
      for (const [i, v] of vulnerabilities.entries()) {
        const draft = drafts[i]!;
        const advisory = await this.advisories.publish(trx, actor, draft, { caseId: id }).catch((error: unknown) => {
          if (!(error instanceof AppError) || error.code !== "validation") throw error;
          const fields = error.fields.map((f) => ({ field: `vulnerabilities.${i}.${f.field}`, message: f.message }));
          throw new AppError("validation", `vulnerabilities.${i}: ${error.message}`, fields);
        });
        await store.setVulnerabilityAdvisory(trx, v.id, advisory.id);
        // Ids outside our block are skipped; one of ours that was rejected refuses the publication.
        if (v.cve_id !== null) await this.cveIds.markPublished(trx, [v.cve_id], advisory.id);
        advisoryIds.push(advisory.id);
      }

      const now = this.clock();
      const embargo = effectiveEmbargo(store.toEmbargo(row), now);
      const after: Embargo =
        embargo.state === "exited" ? embargo : embargoAfter(embargo, { action: "exit" }, now, "published");
      await store.updateCase(trx, id, {
        ...store.embargoColumns(after),
        public_aware: true,
        ...(row.published_at === null && { published_at: now.toISOString() }),
      });
      await this.record(trx, actor, id, {
        kind: "publish",
        summary: `Published ${advisoryIds.join(", ")} as TLP:${tlp}`,
        audit: { advisoryIds, tlp },
      });
      await this.notify(
        trx,
        row,
        "case.published",
        `Case "${row.title}" is published`,
        `Advisories ${advisoryIds.join(", ")} are published as TLP:${tlp}.`,
        recipients,
      );
      return { caseId: id, advisoryIds };
    });
  }
}

function embargoSummary(action: EmbargoInput["action"], e: Embargo): string {
  switch (action) {
    case "propose":
      return `Embargo proposed until ${e.proposedEndsAt}`;
    case "revise":
      return `Embargo revision proposed: until ${e.proposedEndsAt} (agreed end ${e.endsAt})`;
    case "accept":
      return `Embargo active until ${e.endsAt}`;
    case "exit":
      return "Embargo ended by the coordinators";
  }
}
