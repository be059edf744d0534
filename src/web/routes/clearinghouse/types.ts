/**
 * Shapes of the reports and advisories API as the web app sees them, mirrored by hand from
 * src/clearinghouse/reports/model.ts and src/clearinghouse/advisories/model.ts (the web build cannot
 * import the server's zod modules). Every string here may be attacker-written: pages render it as text.
 */

export const TLP_LABELS = ["CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED"] as const;
export type TlpLabel = (typeof TLP_LABELS)[number];

export const isTlpLabel = (value: string): value is TlpLabel => (TLP_LABELS as readonly string[]).includes(value);

export const REPORT_STATUSES = [
  "received",
  "incomplete",
  "invalid",
  "valid",
  "accepted",
  "deferred",
  "closed",
] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** The moves a coordinator may make from each state (the server's `REPORT_TRANSITIONS`). */
export const REPORT_TRANSITIONS: Record<ReportStatus, readonly ReportStatus[]> = {
  received: ["valid", "invalid", "incomplete", "closed"],
  incomplete: ["received", "invalid", "closed"],
  invalid: ["received", "closed"],
  valid: ["accepted", "deferred", "closed"],
  accepted: ["deferred", "closed"],
  deferred: ["accepted", "closed"],
  closed: [],
};

/** An affected product: a purl, a CPE, or vendor + product, each with an optional version range. */
export type Affected =
  | { kind: "purl"; purl: string; versions?: string }
  | { kind: "cpe"; cpe: string; versions?: string }
  | { kind: "product"; vendor: string; product: string; versions?: string };

export const PROVENANCE_KINDS = ["human", "ai_assisted", "ai_autonomous"] as const;
export type ProvenanceKind = (typeof PROVENANCE_KINDS)[number];

/** The AI facts of an AI-assisted or AI-autonomous report. */
export interface AiProvenance {
  model: string;
  modelVersion: string;
  developerOrg: string;
  runId: string;
  transcriptSha256: string;
  /** Required for AI-assisted; an AI-autonomous report without it is held back as incomplete. */
  verifiedBy?: string;
}

export type Provenance =
  | { kind: "human" }
  | ({ kind: "ai_assisted" } & AiProvenance & { verifiedBy: string })
  | ({ kind: "ai_autonomous" } & AiProvenance);

export interface Disclosure {
  /** YYYY-MM-DD, UTC. */
  preferredDate?: string;
  alreadyPublic: boolean;
  notes: string;
}

export interface Credit {
  name: string;
  public: boolean;
}

/** Body of POST /api/reports. Scores are never sent: the server computes them from the vectors. */
export interface ReportInput {
  title: string;
  description: string;
  affected: Affected[];
  cwes: string[];
  cveIds: string[];
  cvss: string[];
  impact: string;
  reproduction: string;
  disclosure: Disclosure;
  credit?: Credit;
  provenance: Provenance;
  tlp: TlpLabel;
}

export interface CvssScore {
  vector: string;
  version: string;
  score: number;
  severity: string;
}

export interface SsvcResult {
  table: string;
  inputs: Record<string, string>;
  outcome: string;
  outcomeName: string;
}

export interface KevFact {
  cveId: string;
  knownRansomware: boolean;
  dueDate: string | null;
  dateAdded: string;
}

export interface Attachment {
  sha256: string;
  filename: string;
  size: number;
  mediaType: string;
  createdAt: string;
}

export interface ReportEvent {
  at: string;
  kind: string;
  fromStatus: string | null;
  toStatus: string | null;
  note: string;
}

/** Reproduction evidence a coordinator recorded when validating. */
export interface Evidence {
  reproduced: boolean;
  method: string;
  attachmentSha256?: string;
  environment: string;
}

/**
 * A report as the API returns it. The stored JSON parts (affected, provenance, disclosure, credit)
 * come back as the reporter sent them; coordinator-only facts are null for everyone else.
 */
export interface Report {
  id: string;
  reporterOrgId: string;
  title: string;
  description: string;
  affected: Affected[];
  cwes: string[];
  cveIds: string[];
  cvss: CvssScore[];
  cvssScore: number | null;
  impact: string;
  reproduction: string;
  disclosure: Partial<Disclosure>;
  credit: Partial<Credit> | null;
  provenance: Partial<AiProvenance> & { kind: ProvenanceKind };
  status: ReportStatus;
  tlp: string;
  ssvc: SsvcResult | null;
  kev: KevFact[];
  createdAt: string;
  updatedAt: string;
  /** Coordinators only. */
  completeness: { score: number; missing: string[] } | null;
  duplicateOf: string | null;
  evidence: (Partial<Evidence> & { recordedBy?: string; at?: string }) | null;
}

export interface ReportDetail extends Report {
  attachments: Attachment[];
  events: ReportEvent[];
}

export type ReportView = "mine" | "triage";

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Body of POST /api/reports/:id/transition. */
export interface TransitionInput {
  to: ReportStatus;
  note: string;
  evidence?: Evidence;
}

/** A ranked duplicate candidate with the reasons it was proposed (coordinators). */
export interface DuplicateCandidate {
  id: string;
  kind: "report" | "advisory";
  title: string;
  score: number;
  reasons: string[];
  /** The score reaches the server's merge-suggestion threshold: likely the same flaw. */
  suggestMerge: boolean;
  createdAt: string;
}

/** Answer of POST /api/reports/:id/attachments. */
export interface UploadedAttachment {
  sha256: string;
  filename: string;
  size: number;
  mediaType: string;
  added: boolean;
}

/** Body of POST /api/cases (.tmp/cases-api.md); the answer's id is all the report page needs. */
export interface OpenCaseInput {
  title: string;
  summary: string;
  reportIds: string[];
  tlp?: TlpLabel;
  vendorOrgIds?: string[];
}

// ---- advisories -------------------------------------------------------------------------------

export const ADVISORY_FORMATS = ["csaf", "osv", "cve5"] as const;
export type AdvisoryFormat = (typeof ADVISORY_FORMATS)[number];

export interface Advisory {
  id: string;
  source: "import:osv" | "import:csaf" | "import:cve5" | "case";
  sourceId: string;
  caseId: string | null;
  aliases: string[];
  cveId: string | null;
  title: string;
  summary: string;
  severity: string | null;
  cvssScore: number | null;
  tlp: TlpLabel;
  recipients: string[];
  revision: number;
  publishedAt: string;
  modifiedAt: string;
  withdrawnAt: string | null;
  formats: AdvisoryFormat[];
}

export type AdvisoryListItem = Advisory & { inKev: boolean };

export interface KevEntry {
  cveId: string;
  vendor: string;
  product: string;
  name: string;
  description: string;
  requiredAction: string;
  dateAdded: string;
  dueDate: string | null;
  knownRansomware: boolean;
  notes: string;
  cwes: string[];
}

export interface AdvisoryDetail extends Advisory {
  /** The stored documents by format (csaf, osv, cve5), as published. */
  documents: Record<string, unknown>;
  kev: KevEntry | null;
}

export interface AdvisoryFilter {
  q?: string;
  ecosystem?: string;
  kev?: "true" | "false";
}
