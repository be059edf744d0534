import { z } from "zod";
import { parseCvss } from "../../standards/cvss/index.ts";
import { cweEntry, parseCweId } from "../../standards/cwe/index.ts";
import { parsePurl } from "../../standards/purl/index.ts";
import { TLP_LABELS } from "../../standards/tlp/index.ts";

/**
 * Reports: the intake shapes (one zod schema per shape, shared by API, CLI and web) and the pure
 * rules of per-participant report states (CERT/CC) and completeness. Every field is attacker-written
 * text: it is stored verbatim and returned as JSON strings, never rendered as HTML.
 */

export const REPORT_STATUSES = [
  "received",
  "incomplete",
  "invalid",
  "valid",
  "accepted",
  "deferred",
  "closed",
] as const;
export const ReportStatus = z.enum(REPORT_STATUSES);
export type ReportStatus = z.infer<typeof ReportStatus>;

/** Allowed moves between report states; `closed` is final. */
export const REPORT_TRANSITIONS: Record<ReportStatus, readonly ReportStatus[]> = {
  received: ["valid", "invalid", "incomplete", "closed"],
  incomplete: ["received", "invalid", "closed"],
  invalid: ["received", "closed"],
  valid: ["accepted", "deferred", "closed"],
  accepted: ["deferred", "closed"],
  deferred: ["accepted", "closed"],
  closed: [],
};

export function canTransition(from: ReportStatus, to: ReportStatus): boolean {
  return REPORT_TRANSITIONS[from].includes(to);
}

export const REPORT_ID = /^rpt_[0-9A-Z]{26}$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;
const CVE_ID = /^CVE-\d{4}-\d{4,}$/;
// CPE 2.3 formatted string: 13 colon-separated components (escaped colons allowed), or a CPE 2.2 URI.
const CPE = /^(cpe:2\.3:[aho*-](?::(?:[^:\\]|\\.)+){10}|cpe:\/[aho](?::[^:\s]*){1,6})$/i;

const text = (max: number) => z.string().max(max);
const line = (max: number) => z.string().trim().min(1).max(max);

const Purl = z
  .string()
  .max(1000)
  .superRefine((value, ctx) => {
    const parsed = parsePurl(value);
    if (!parsed.ok) ctx.addIssue({ code: "custom", message: `not a valid purl: ${parsed.error.message}` });
  });

const Cwe = z
  .string()
  .max(20)
  .superRefine((value, ctx) => {
    const parsed = parseCweId(value);
    if (!parsed.ok) ctx.addIssue({ code: "custom", message: `not a CWE id: ${parsed.error.message}` });
    else if (!cweEntry(parsed.value)) ctx.addIssue({ code: "custom", message: `${value} is not in the CWE catalogue` });
  });

/** A suggested CVSS vector: 3.1 or 4.0, validated; its score is always computed by the server. */
export const CvssVectorInput = z
  .string()
  .max(300)
  .superRefine((value, ctx) => {
    const parsed = parseCvss(value);
    if (!parsed.ok) ctx.addIssue({ code: "custom", message: `not a valid CVSS vector: ${parsed.error.message}` });
    else if (parsed.value.version !== "3.1" && parsed.value.version !== "4.0")
      ctx.addIssue({ code: "custom", message: `CVSS ${parsed.value.version} is not accepted; use 3.1 or 4.0` });
  });

const Versions = text(300).optional();

/** An affected product: a purl, a CPE, or vendor + product with a version range in words or vers. */
export const AffectedInput = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("purl"), purl: Purl, versions: Versions }),
  z.object({ kind: z.literal("cpe"), cpe: z.string().max(500).regex(CPE, "not a CPE 2.3 name"), versions: Versions }),
  z.object({ kind: z.literal("product"), vendor: line(200), product: line(200), versions: Versions }),
]);
export type AffectedInput = z.infer<typeof AffectedInput>;

const Sha256 = z.string().regex(SHA256_HEX, "must be 64 lowercase hex digits (SHA-256)");

const AiProvenance = {
  model: line(200),
  modelVersion: line(100),
  developerOrg: line(200),
  runId: line(200),
  transcriptSha256: Sha256,
};

/**
 * Who (or what) found the flaw. AI-assisted reports name the human who drove and verified the
 * work; AI-autonomous ones may lack a verifier, and are then held back as `incomplete`.
 */
export const ProvenanceInput = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("human") }),
  z.object({ kind: z.literal("ai_assisted"), ...AiProvenance, verifiedBy: line(200) }),
  z.object({ kind: z.literal("ai_autonomous"), ...AiProvenance, verifiedBy: line(200).optional() }),
]);
export type ProvenanceInput = z.infer<typeof ProvenanceInput>;

export const DisclosureInput = z.object({
  /** The reporter's preferred public disclosure date (UTC, YYYY-MM-DD). */
  preferredDate: z.iso.date().optional(),
  alreadyPublic: z.boolean().default(false),
  notes: text(5000).default(""),
});

export const CreditInput = z.object({ name: line(200), public: z.boolean().default(true) });

/** A crash or taint trace: the top frames and the sink, fingerprinted for dedup. */
export const StackInput = z.object({
  frames: z.array(line(500)).max(50).default([]),
  sink: line(300).optional(),
});

/** SSVC coordinator-triage inputs by decision point key (RP, SCON, RC, SC, SE, U, PSI). */
export const SsvcInputsInput = z.record(z.string().max(40), z.string().max(60));

/** POST /api/reports. Unknown keys (a client's own "score", say) are dropped: the server computes scores. */
export const ReportInput = z.object({
  title: line(300),
  description: line(50_000),
  affected: z.array(AffectedInput).min(1).max(50),
  cwes: z.array(Cwe).max(10).default([]),
  cveIds: z.array(z.string().regex(CVE_ID, "must look like CVE-2026-12345")).max(20).default([]),
  cvss: z.array(CvssVectorInput).max(4).default([]),
  impact: text(20_000).default(""),
  reproduction: text(50_000).default(""),
  disclosure: DisclosureInput.default({ alreadyPublic: false, notes: "" }),
  credit: CreditInput.optional(),
  provenance: ProvenanceInput,
  stack: StackInput.optional(),
  ssvc: SsvcInputsInput.optional(),
  tlp: z.enum(TLP_LABELS).default("AMBER"),
});
export type ReportInput = z.infer<typeof ReportInput>;

/** Evidence a coordinator records when validating a report. */
export const ReproductionEvidence = z.object({
  reproduced: z.boolean(),
  method: line(2000),
  /** SHA-256 of an evidence attachment already on the report. */
  attachmentSha256: Sha256.optional(),
  environment: text(2000).default(""),
});

/** POST /api/reports/:id/transition (coordinators). */
export const TransitionInput = z.object({
  to: ReportStatus,
  note: text(10_000).default(""),
  /** Revised vectors; the scores are recomputed either way. */
  cvss: z.array(CvssVectorInput).max(4).optional(),
  ssvc: SsvcInputsInput.optional(),
  evidence: ReproductionEvidence.optional(),
});
export type TransitionInput = z.infer<typeof TransitionInput>;

export const MergeInput = z.object({
  into: z.string().regex(REPORT_ID, "must be a report id"),
  note: text(5000).default(""),
});

export const ReportListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(300).optional(),
  /** `mine`: my organisation's reports (default); `triage`: the coordinator's queue. */
  view: z.enum(["mine", "triage"]).default("mine"),
  status: ReportStatus.optional(),
});
export type ReportListQuery = z.infer<typeof ReportListQuery>;

// ---- response shapes -------------------------------------------------------------------------

export const CvssScoreSchema = z.object({
  vector: z.string(),
  version: z.string(),
  score: z.number(),
  severity: z.string(),
});
export type CvssScore = z.infer<typeof CvssScoreSchema>;

export const SsvcResultSchema = z.object({
  table: z.string(),
  inputs: z.record(z.string(), z.string()),
  outcome: z.string(),
  outcomeName: z.string(),
});
export type SsvcResult = z.infer<typeof SsvcResultSchema>;

export const KevFactSchema = z.object({
  cveId: z.string(),
  knownRansomware: z.boolean(),
  dueDate: z.string().nullable(),
  dateAdded: z.string(),
});
export type KevFact = z.infer<typeof KevFactSchema>;

export const AttachmentSchema = z.object({
  sha256: z.string(),
  filename: z.string(),
  size: z.number(),
  mediaType: z.string(),
  createdAt: z.string(),
});
export type Attachment = z.infer<typeof AttachmentSchema>;

export const ReportEventSchema = z.object({
  at: z.string(),
  kind: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  note: z.string(),
});

/** A report as the API returns it; coordinator-only facts are null for everyone else. */
export const ReportSchema = z.object({
  id: z.string(),
  reporterOrgId: z.string(),
  title: z.string(),
  description: z.string(),
  affected: z.array(z.record(z.string(), z.unknown())),
  cwes: z.array(z.string()),
  cveIds: z.array(z.string()),
  cvss: z.array(CvssScoreSchema),
  cvssScore: z.number().nullable(),
  impact: z.string(),
  reproduction: z.string(),
  disclosure: z.record(z.string(), z.unknown()),
  credit: z.record(z.string(), z.unknown()).nullable(),
  provenance: z.record(z.string(), z.unknown()),
  status: ReportStatus,
  tlp: z.string(),
  ssvc: SsvcResultSchema.nullable(),
  kev: z.array(KevFactSchema),
  stack: z.record(z.string(), z.unknown()).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Coordinators only. */
  completeness: z.object({ score: z.number(), missing: z.array(z.string()) }).nullable(),
  duplicateOf: z.string().nullable(),
  evidence: z.record(z.string(), z.unknown()).nullable(),
});
export type Report = z.infer<typeof ReportSchema>;

export const ReportDetailSchema = ReportSchema.extend({
  attachments: z.array(AttachmentSchema),
  events: z.array(ReportEventSchema),
});
export type ReportDetail = z.infer<typeof ReportDetailSchema>;

// ---- completeness -----------------------------------------------------------------------------

/** What a coordinator needs to act, with weights; the score is the weighted share present. */
const COMPLETENESS_ITEMS: readonly { item: string; weight: number; present: (r: CompletenessFacts) => boolean }[] = [
  {
    item: "affected version range",
    weight: 10,
    present: (r) => r.affected.some((a) => (a.versions ?? "").trim() !== ""),
  },
  { item: "CWE", weight: 10, present: (r) => r.cwes.length > 0 },
  { item: "CVSS vector", weight: 15, present: (r) => r.cvss.length > 0 },
  { item: "impact", weight: 15, present: (r) => r.impact.trim() !== "" },
  { item: "reproducer", weight: 25, present: (r) => hasReproducer(r) },
  {
    item: "human verifier",
    weight: 15,
    present: (r) => r.provenance.kind === "human" || r.provenance.verifiedBy !== undefined,
  },
  {
    item: "disclosure preference",
    weight: 5,
    present: (r) => r.disclosure.preferredDate !== undefined || r.disclosure.notes.trim() !== "",
  },
  { item: "credit", weight: 5, present: (r) => r.credit !== undefined },
];

/** The inputs of the completeness rules: the validated report and how many attachments it has. */
export type CompletenessFacts = Pick<
  ReportInput,
  "affected" | "cwes" | "cvss" | "impact" | "reproduction" | "provenance" | "disclosure" | "credit"
> & { attachmentCount: number };

/** Reproduction steps worth the name, or a PoC attachment. */
export function hasReproducer(r: Pick<CompletenessFacts, "reproduction" | "attachmentCount">): boolean {
  return r.reproduction.trim().length >= 20 || r.attachmentCount > 0;
}

export function completeness(r: CompletenessFacts): { score: number; missing: string[] } {
  const total = COMPLETENESS_ITEMS.reduce((sum, i) => sum + i.weight, 0);
  const missing = COMPLETENESS_ITEMS.filter((i) => !i.present(r));
  const lost = missing.reduce((sum, i) => sum + i.weight, 0);
  return { score: Math.round((100 * (total - lost)) / total), missing: missing.map((i) => i.item) };
}

/**
 * The state a new (or newly completed) report starts in: AI-autonomous reports without both a
 * reproducer and a human verifier are held back as `incomplete`.
 */
export function intakeStatus(r: CompletenessFacts): "received" | "incomplete" {
  if (r.provenance.kind !== "ai_autonomous") return "received";
  return hasReproducer(r) && r.provenance.verifiedBy !== undefined ? "received" : "incomplete";
}
