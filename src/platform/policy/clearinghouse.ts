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
