/**
 * Shapes of the cases API as the web app sees them (.tmp/cases-api.md, mirrored by hand: the web build
 * cannot import the server's zod modules). Timestamps are UTC ISO-8601 strings.
 */
import type { OrgKind } from "../../../api-types.ts";
import type { Affected, CvssScore, TlpLabel } from "../types.ts";

export const CASE_FLAG_KEYS = [
  "vendorAware",
  "fixReady",
  "fixDeployed",
  "publicAware",
  "exploitPublic",
  "attacksObserved",
] as const;
export type CaseFlagKey = (typeof CASE_FLAG_KEYS)[number];
export type CaseFlags = Record<CaseFlagKey, boolean>;

export type EmbargoState = "none" | "proposed" | "active" | "revise" | "exited";
export type EmbargoAction = "propose" | "accept" | "revise" | "exit";

export interface Embargo {
  state: EmbargoState;
  endsAt: string | null;
  /** Set while the state is `proposed` or `revise`. */
  proposedEndsAt: string | null;
  /** e.g. `public-aware`, `exploit-public`, `attacks-observed`, `coordinator`, `published`. */
  exitedReason: string | null;
}

export const PARTICIPANT_ROLES = ["coordinator", "reporter", "vendor", "operator"] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];
export type ParticipantReportState = "received" | "invalid" | "valid" | "accepted" | "deferred" | "closed";

export interface Participant {
  orgId: string;
  orgName: string;
  orgKind: OrgKind;
  role: ParticipantRole;
  reportState: ParticipantReportState;
  addedAt: string;
}

export interface Vulnerability {
  id: string;
  caseId: string;
  title: string;
  description: string;
  cveId: string | null;
  cwes: string[];
  cvss: CvssScore[];
  /** Copied from the report it came from. */
  affected: Affected[];
}

export const VEX_STATUSES = ["affected", "not_affected", "fixed", "under_investigation"] as const;
export type VexStatus = (typeof VEX_STATUSES)[number];

/** The CSAF/VEX justifications a `not_affected` statement must give one of. */
export const VEX_JUSTIFICATIONS = [
  "component_not_present",
  "vulnerable_code_not_present",
  "vulnerable_code_not_in_execute_path",
  "vulnerable_code_cannot_be_controlled_by_adversary",
  "inline_mitigations_already_exist",
] as const;
export type VexJustification = (typeof VEX_JUSTIFICATIONS)[number];

export interface Statement {
  vulnerabilityId: string;
  vendorOrgId: string;
  vendorOrgName: string;
  /** A purl or "vendor product" text. */
  product: string;
  status: VexStatus;
  justification: string | null;
  impactStatement: string | null;
  actionStatement: string | null;
  fixedVersions: string[];
  workarounds: string;
  updatedAt: string;
  updatedBy: string;
}

export type MessageVisibility = "participants" | "coordinators";

export interface CaseMessage {
  id: string;
  caseId: string;
  authorName: string;
  authorOrgName: string;
  /** Markdown as written by a participant: rendered only through SafeMarkdown. */
  body: string;
  visibility: MessageVisibility;
  createdAt: string;
}

export interface Remediation {
  ssvcOutcome: string | null;
  policyDays: number | null;
  kevDueDate: string | null;
  dueAt: string | null;
  /** The KEV due date wins over the SSVC policy. */
  source: "kev" | "ssvc" | null;
}

export interface TimelineEntry {
  at: string;
  kind: string;
  actorName: string | null;
  summary: string;
}

export interface CaseSummary {
  id: string;
  title: string;
  status: "open" | "closed";
  tlp: TlpLabel;
  flags: CaseFlags;
  embargo: Embargo;
  remediation: Remediation;
  participantCount: number;
  advisoryId: string | null;
  createdAt: string;
  updatedAt: string;
}

/** What the caller may do on this case, decided by the server's policy. */
export interface CasePermissions {
  coordinate: boolean;
  /** May write a vendor statement. */
  state: boolean;
  message: boolean;
  publish: boolean;
}

export interface CaseDetail extends CaseSummary {
  summary: string;
  participants: Participant[];
  vulnerabilities: Vulnerability[];
  statements: Statement[];
  /** Only the reports the caller may read. */
  reports: { id: string; title: string; status: string }[];
  timeline: TimelineEntry[];
  can: CasePermissions;
}

export interface CasePage {
  items: CaseSummary[];
  nextCursor: string | null;
}

/** Body of `PUT /api/cases/:id/statements` (an upsert per vulnerability × vendor × product). */
export interface StatementInput {
  vulnerabilityId: string;
  vendorOrgId?: string;
  product: string;
  status: VexStatus;
  justification?: string;
  impactStatement?: string;
  actionStatement?: string;
  fixedVersions?: string[];
  workarounds?: string;
}

export interface PublishResult {
  caseId: string;
  advisoryIds: string[];
}
