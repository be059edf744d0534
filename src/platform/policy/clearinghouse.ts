import type { TlpLabel } from "../../standards/tlp/index.ts";
import type { Principal } from "../identity/model.ts";
import { ALLOW, allowIf, type Decision, deny } from "./decision.ts";
import { hasAnyRole, isGovernment, tokenAllows } from "./platform.ts";

/**
 * Clearinghouse questions: who may read, publish and import advisories. Pure functions of
 * (principal, resource); `null` is the anonymous public (feeds, the OSV API). The matrix is in
 * docs/POLICY.md.
 */

/** What the advisory read rules look at. */
export interface AdvisoryAccessFacts {
  tlp: TlpLabel;
  /** Organisations named as recipients of an AMBER/AMBER+STRICT/RED advisory. */
  recipients: readonly string[];
}

/**
 * Which advisories a principal may read, as a filter: lists and feeds turn it into SQL, and
 * `canReadAdvisory` applies it to one advisory, so a list never shows what a single read would refuse.
 * - `tlps`: every advisory with one of these labels;
 * - `recipientOrgId`: also every advisory that names this organisation as a recipient.
 */
export interface AdvisoryReadScope {
  tlps: readonly TlpLabel[];
  recipientOrgId: string | null;
}

const ALL_TLPS: readonly TlpLabel[] = ["CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED"];

/** Government coordinators and administrators coordinate every advisory, whatever its TLP. */
function coordinatesAdvisories(p: Principal): boolean {
  return isGovernment(p) && hasAnyRole(p, ["coordinator", "admin"]);
}

/**
 * TLP:CLEAR for everyone (also anonymous); TLP:GREEN for any signed-in member of the community;
 * AMBER, AMBER+STRICT and RED for government coordinators and admins, and for the organisations
 * named as the advisory's recipients. An API token needs the `read` scope.
 */
export function advisoryReadScope(p: Principal | null): AdvisoryReadScope {
  if (p === null || !tokenAllows(p, "read").allow) return { tlps: ["CLEAR"], recipientOrgId: null };
  if (coordinatesAdvisories(p)) return { tlps: ALL_TLPS, recipientOrgId: null };
  return { tlps: ["CLEAR", "GREEN"], recipientOrgId: p.org.id };
}

export function canReadAdvisory(p: Principal | null, advisory: AdvisoryAccessFacts): Decision {
  const scope = advisoryReadScope(p);
  if (scope.tlps.includes(advisory.tlp)) return ALLOW;
  if (scope.recipientOrgId !== null && advisory.recipients.includes(scope.recipientOrgId)) return ALLOW;
  return deny(`TLP:${advisory.tlp} advisories are shared only with coordinators and named recipients`);
}

/** Publishing (and revising) an advisory: government coordinators and admins, with a write-capable token. */
export function canPublishAdvisory(p: Principal): Decision {
  const scoped = tokenAllows(p, "write");
  if (!scoped.allow) return scoped;
  return allowIf(coordinatesAdvisories(p), "only government coordinators and admins publish advisories");
}

/** Importing advisory databases and the KEV catalogue: the same people who publish. */
export function canImportAdvisories(p: Principal): Decision {
  return canPublishAdvisory(p);
}

// ---- reports ------------------------------------------------------------------------------------

/** What the report read rules look at. */
export interface ReportAccessFacts {
  reporterOrgId: string;
}

/**
 * Which reports a principal may read, as a filter (lists turn it into SQL, `canReadReport` applies
 * it to one report): `all` for government coordinators, else the reports of `orgId` (own organisation).
 */
export type ReportReadScope = { all: true } | { all: false; orgId: string };

/** Government coordinators triage, validate and merge every report. */
function coordinatesReports(p: Principal): boolean {
  return isGovernment(p) && hasAnyRole(p, ["coordinator"]);
}

/** Coordinators read every report; everyone else their own organisation's. A token needs `read`. */
export function reportReadScope(p: Principal): ReportReadScope | null {
  if (!tokenAllows(p, "read").allow) return null;
  return coordinatesReports(p) ? { all: true } : { all: false, orgId: p.org.id };
}

export function canReadReport(p: Principal, report: ReportAccessFacts): Decision {
  const scope = reportReadScope(p);
  if (scope === null) return deny('this API token lacks the "read" scope');
  return allowIf(
    scope.all || scope.orgId === report.reporterOrgId,
    "reports are shared with their organisation and coordinators",
  );
}

/** Any signed-in user may submit a report (a token needs `write`). */
export function canSubmitReport(p: Principal): Decision {
  return tokenAllows(p, "write");
}

/** Attaching files: the reporting organisation and coordinators, with `write`. */
export function canAttachToReport(p: Principal, report: ReportAccessFacts): Decision {
  const scoped = tokenAllows(p, "write");
  if (!scoped.allow) return scoped;
  return canReadReport(p, report);
}

/** The triage queue, completeness and duplicate candidates: coordinators only (candidates span organisations). */
export function canTriageReports(p: Principal): Decision {
  const scoped = tokenAllows(p, "read");
  if (!scoped.allow) return scoped;
  return allowIf(coordinatesReports(p), "only government coordinators triage reports");
}

/** Validating, transitioning and merging reports: coordinators with a write-capable token. */
export function canValidateReport(p: Principal): Decision {
  const scoped = tokenAllows(p, "write");
  if (!scoped.allow) return scoped;
  return allowIf(coordinatesReports(p), "only government coordinators validate and merge reports");
}

// ---- cases --------------------------------------------------------------------------------------

/** An organisation's part in a case. */
export type CaseRole = "coordinator" | "reporter" | "vendor" | "operator";

/** What the case rules look at: the caller's organisation's role in the case (null: none) and publication. */
export interface CaseAccessFacts {
  participantRole: CaseRole | null;
  published: boolean;
}

/**
 * Which cases a principal may read, as a filter (lists turn it into SQL, `canReadCase` applies it
 * to one case): `all` for government coordinators, else the cases `participantOrgId` takes part in.
 */
export type CaseReadScope = { all: true } | { all: false; participantOrgId: string };

/** Who sees an item inside a readable case (a message or a timeline entry). */
export type CaseAudience =
  | { visibility: "participants" }
  /** Coordinators, and the item's author (a participant writing privately to the coordinators). */
  | { visibility: "coordinators"; authorUserId: string | null }
  /** A vendor statement: coordinators and the stating vendor until publication, then every participant. */
  | { visibility: "statement"; vendorOrgId: string };

/** Government coordinators read and coordinate every case. */
export function coordinatesCases(p: Principal): boolean {
  return coordinatesReports(p);
}

export function caseReadScope(p: Principal): CaseReadScope | null {
  if (!tokenAllows(p, "read").allow) return null;
  return coordinatesCases(p) ? { all: true } : { all: false, participantOrgId: p.org.id };
}

/** Coordinators read every case; other organisations only while they take part (callers answer 404). */
export function canReadCase(p: Principal, c: CaseAccessFacts): Decision {
  const scope = caseReadScope(p);
  if (scope === null) return deny('this API token lacks the "read" scope');
  return allowIf(scope.all || c.participantRole !== null, "cases are shared with their participants");
}

/** Opening cases, linking reports, adding participants and vulnerabilities, running the embargo. */
export function canCoordinateCase(p: Principal): Decision {
  const scoped = tokenAllows(p, "write");
  if (!scoped.allow) return scoped;
  return allowIf(coordinatesCases(p), "only government coordinators coordinate cases");
}

/** Coordinators set every flag; a vendor participant only the flags about its own fix. */
export function canSetCaseFlags(
  p: Principal,
  c: CaseAccessFacts,
  flags: readonly string[],
  vendorFlags: readonly string[],
): Decision {
  const scoped = tokenAllows(p, "write");
  if (!scoped.allow) return scoped;
  if (coordinatesCases(p)) return ALLOW;
  if (c.participantRole !== "vendor") return deny("only coordinators and vendors of the case set its flags");
  const others = flags.filter((f) => !vendorFlags.includes(f));
  return allowIf(
    others.length === 0,
    `vendors set only ${vendorFlags.join(" and ")}; ${others.join(", ")} are the coordinators'`,
  );
}

/**
 * Vendor statements: a vendor participant for its own organisation; coordinators for any vendor.
 * Reporters and operators (observers) make none.
 */
export function canStateOnCase(p: Principal, c: CaseAccessFacts, vendorOrgId: string): Decision {
  const scoped = tokenAllows(p, "write");
  if (!scoped.allow) return scoped;
  if (coordinatesCases(p)) return ALLOW;
  if (c.participantRole !== "vendor") return deny("only the case's vendors and coordinators make vendor statements");
  return allowIf(vendorOrgId === p.org.id, "a vendor states only for its own organisation");
}

/** Every participant (operators too, as observers) and coordinators write messages. */
export function canMessageCase(p: Principal, c: CaseAccessFacts): Decision {
  const scoped = tokenAllows(p, "write");
  if (!scoped.allow) return scoped;
  return canReadCase(p, c);
}

/** Whether the caller sees a message, timeline entry or statement of a case it may read. */
export function canReadCaseItem(p: Principal, c: CaseAccessFacts, item: CaseAudience): Decision {
  if (coordinatesCases(p) || item.visibility === "participants") return ALLOW;
  if (item.visibility === "coordinators")
    return allowIf(item.authorUserId === p.userId, "this message is for the coordinators");
  return allowIf(
    c.published || item.vendorOrgId === p.org.id,
    "vendor statements are shared with the coordinators until the case is published",
  );
}

/** Publishing a case's advisories: coordinators who may publish advisories. */
export function canPublishCase(p: Principal): Decision {
  const coordinate = canCoordinateCase(p);
  return coordinate.allow ? canPublishAdvisory(p) : coordinate;
}
