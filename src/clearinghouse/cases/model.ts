import { z } from "zod";
import { AppError, conflict, invalid } from "../../platform/errors/errors.ts";
import { parsePurl } from "../../standards/purl/index.ts";
import { TLP_LABELS } from "../../standards/tlp/index.ts";
import { CVE_ID, VEX_JUSTIFICATIONS, VEX_STATUSES } from "../advisories/model.ts";
import { AffectedInput, CvssScoreSchema, REPORT_ID, ReportInput } from "../reports/model.ts";

/**
 * Cases (CERT/CC coordination): the shapes of the HTTP contract (.tmp/cases-api.md; one zod schema
 * per shape) and the pure rules: the embargo state machine, early exit on public knowledge, the
 * remediation due date (SSVC policy vs KEV), and the VEX statement rules. Text fields are written by
 * participants and returned as JSON strings, never rendered as HTML.
 */

export const CASE_ROLES = ["coordinator", "reporter", "vendor", "operator"] as const;
export const CaseRole = z.enum(CASE_ROLES);
export type CaseRole = z.infer<typeof CaseRole>;

/** CERT/CC per-participant report states. */
export const PARTICIPANT_REPORT_STATES = ["received", "invalid", "valid", "accepted", "deferred", "closed"] as const;
export type ParticipantReportState = (typeof PARTICIPANT_REPORT_STATES)[number];

export const EMBARGO_STATES = ["none", "proposed", "active", "revise", "exited"] as const;
export type EmbargoState = (typeof EMBARGO_STATES)[number];
export const EMBARGO_ACTIONS = ["propose", "accept", "revise", "exit"] as const;
export type EmbargoAction = (typeof EMBARGO_ACTIONS)[number];

export const CASE_FLAGS = [
  "vendorAware",
  "fixReady",
  "fixDeployed",
  "publicAware",
  "exploitPublic",
  "attacksObserved",
] as const;
export type CaseFlag = (typeof CASE_FLAGS)[number];
export type CaseFlags = Record<CaseFlag, boolean>;
/** Flags a vendor participant may set about its own fix; the rest are the coordinators'. */
export const VENDOR_FLAGS: readonly CaseFlag[] = ["fixReady", "fixDeployed"];

/** Public knowledge that ends an embargo early, with the reason recorded (checked in this order). */
export const EARLY_EXIT_FLAGS: readonly { flag: CaseFlag; reason: string }[] = [
  { flag: "attacksObserved", reason: "attacks-observed" },
  { flag: "exploitPublic", reason: "exploit-public" },
  { flag: "publicAware", reason: "public-aware" },
];

const line = (max: number) => z.string().trim().min(1).max(max);
const text = (max: number) => z.string().max(max);
const TlpLabel = z.enum(TLP_LABELS);
export const CASE_ID = /^case_[0-9A-Z]{26}$/;
const OrgId = z.string().min(1).max(100);
const ReportId = z.string().regex(REPORT_ID, "must be a report id");

// ---- inputs ---------------------------------------------------------------------------------------

/** POST /api/cases (coordinators). */
export const CaseOpenInput = z.object({
  title: line(300),
  summary: text(20_000).default(""),
  reportIds: z.array(ReportId).min(1).max(50),
  tlp: TlpLabel.default("AMBER"),
  vendorOrgIds: z.array(OrgId).max(100).default([]),
});
export type CaseOpenInput = z.infer<typeof CaseOpenInput>;

/** POST /api/cases/:id/reports: a duplicate report; `share` lets its reporter's organisation take part. */
export const LinkReportInput = z.object({ reportId: ReportId, share: z.boolean().default(false) });

export const ParticipantInput = z.object({ orgId: OrgId, role: CaseRole });

export const FlagsInput = z.object({
  flags: z
    .object(
      Object.fromEntries(CASE_FLAGS.map((f) => [f, z.boolean().optional()])) as Record<
        CaseFlag,
        z.ZodOptional<z.ZodBoolean>
      >,
    )
    .strict()
    .refine((f) => Object.values(f).some((v) => v !== undefined), "set at least one flag"),
});

/** A date (YYYY-MM-DD, meaning 12:00:00Z that day) or a date-time with its offset. */
const EndsAt = z.union([z.iso.date(), z.iso.datetime({ offset: true })], {
  error: "must be a date (YYYY-MM-DD) or an ISO 8601 date-time with offset",
});

export const EmbargoInput = z.object({ action: z.enum(EMBARGO_ACTIONS), endsAt: EndsAt.optional() });
export type EmbargoInput = z.infer<typeof EmbargoInput>;

export const VulnerabilityInput = z.object({
  title: line(300),
  description: line(50_000),
  cveId: z.string().regex(CVE_ID, "must look like CVE-2026-12345").optional(),
  cwes: ReportInput.shape.cwes,
  cvss: ReportInput.shape.cvss,
  affected: z.array(AffectedInput).max(50).default([]),
});
export type VulnerabilityInput = z.infer<typeof VulnerabilityInput>;

/**
 * PUT /api/cases/:id/statements: one vendor's VEX statement about one product, upserted per
 * vulnerability × vendor × product. not_affected needs a CSAF/VEX justification, affected an action
 * statement (what users should do), fixed the fixed versions.
 */
export const StatementInput = z
  .object({
    vulnerabilityId: z.string().min(1).max(40),
    vendorOrgId: OrgId.optional(),
    product: line(1000),
    status: z.enum(VEX_STATUSES),
    justification: z.enum(VEX_JUSTIFICATIONS).optional(),
    impactStatement: line(2000).optional(),
    actionStatement: line(2000).optional(),
    fixedVersions: z.array(line(200)).max(50).default([]),
    workarounds: text(5000).default(""),
  })
  .superRefine((s, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (s.status === "not_affected" && s.justification === undefined)
      issue("justification", `a not_affected statement needs one of: ${VEX_JUSTIFICATIONS.join(", ")}`);
    if (s.status !== "not_affected" && s.justification !== undefined)
      issue("justification", "only not_affected statements carry a justification");
    if (s.status === "affected" && s.actionStatement === undefined)
      issue("actionStatement", "an affected statement needs an action statement: what should users do?");
    if (s.status === "fixed" && s.fixedVersions.length === 0)
      issue("fixedVersions", "a fixed statement names the fixed versions");
    if (s.product.startsWith("pkg:")) {
      const purl = parsePurl(s.product);
      if (!purl.ok) issue("product", `not a valid purl: ${purl.error.message}`);
    }
  });
export type StatementInput = z.infer<typeof StatementInput>;

export const MESSAGE_VISIBILITIES = ["participants", "coordinators"] as const;
export const MessageInput = z.object({
  body: line(20_000),
  visibility: z.enum(MESSAGE_VISIBILITIES).default("participants"),
});

/** The body is optional: publishing under the case's own TLP needs nothing. */
export const PublishInput = z.object({ tlp: TlpLabel.optional() }).default({});

export const CaseListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().regex(CASE_ID, "not a cursor this list returned").optional(),
  status: z.enum(["open", "closed"]).optional(),
});
export type CaseListQuery = z.infer<typeof CaseListQuery>;

// ---- response shapes --------------------------------------------------------------------------------

export const CaseFlagsSchema = z.object(
  Object.fromEntries(CASE_FLAGS.map((f) => [f, z.boolean()])) as Record<CaseFlag, z.ZodBoolean>,
);

export const EmbargoSchema = z.object({
  state: z.enum(EMBARGO_STATES),
  endsAt: z.string().nullable(),
  proposedEndsAt: z.string().nullable(),
  exitedReason: z.string().nullable(),
});
export type Embargo = z.infer<typeof EmbargoSchema>;

export const CaseRemediationSchema = z.object({
  ssvcOutcome: z.string().nullable(),
  policyDays: z.number().nullable(),
  kevDueDate: z.string().nullable(),
  dueAt: z.string().nullable(),
  source: z.enum(["kev", "ssvc"]).nullable(),
});
export type CaseRemediation = z.infer<typeof CaseRemediationSchema>;

export const ParticipantSchema = z.object({
  orgId: z.string(),
  orgName: z.string(),
  orgKind: z.string(),
  role: CaseRole,
  reportState: z.enum(PARTICIPANT_REPORT_STATES),
  addedAt: z.string(),
});
export type Participant = z.infer<typeof ParticipantSchema>;

export const VulnerabilitySchema = z.object({
  id: z.string(),
  caseId: z.string(),
  title: z.string(),
  description: z.string(),
  cveId: z.string().nullable(),
  cwes: z.array(z.string()),
  cvss: z.array(CvssScoreSchema),
  affected: z.array(z.record(z.string(), z.unknown())),
});
export type Vulnerability = z.infer<typeof VulnerabilitySchema>;

export const StatementSchema = z.object({
  vulnerabilityId: z.string(),
  vendorOrgId: z.string(),
  vendorOrgName: z.string(),
  product: z.string(),
  status: z.enum(VEX_STATUSES),
  justification: z.string().nullable(),
  impactStatement: z.string().nullable(),
  actionStatement: z.string().nullable(),
  fixedVersions: z.array(z.string()),
  workarounds: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type Statement = z.infer<typeof StatementSchema>;

export const MessageSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  authorName: z.string(),
  authorOrgName: z.string(),
  body: z.string(),
  visibility: z.enum(MESSAGE_VISIBILITIES),
  createdAt: z.string(),
});
export type Message = z.infer<typeof MessageSchema>;

export const TimelineEntrySchema = z.object({
  at: z.string(),
  kind: z.string(),
  actorName: z.string().nullable(),
  summary: z.string(),
});

export const CaseSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(["open", "closed"]),
  tlp: TlpLabel,
  flags: CaseFlagsSchema,
  embargo: EmbargoSchema,
  remediation: CaseRemediationSchema,
  participantCount: z.number(),
  advisoryId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CaseSummary = z.infer<typeof CaseSummarySchema>;

export const CaseDetailSchema = CaseSummarySchema.extend({
  summary: z.string(),
  participants: z.array(ParticipantSchema),
  vulnerabilities: z.array(VulnerabilitySchema),
  statements: z.array(StatementSchema),
  reports: z.array(z.object({ id: z.string(), title: z.string(), status: z.string() })),
  timeline: z.array(TimelineEntrySchema),
  can: z.object({ coordinate: z.boolean(), state: z.boolean(), message: z.boolean(), publish: z.boolean() }),
});
export type CaseDetail = z.infer<typeof CaseDetailSchema>;

export const PublishResultSchema = z.object({ caseId: z.string(), advisoryIds: z.array(z.string()) });

// ---- embargo ----------------------------------------------------------------------------------------

/** Where each embargo action may start, and where it leads. */
const EMBARGO_MOVES: Record<EmbargoAction, { from: readonly EmbargoState[]; to: EmbargoState }> = {
  propose: { from: ["none"], to: "proposed" },
  accept: { from: ["proposed", "revise"], to: "active" },
  revise: { from: ["active"], to: "revise" },
  exit: { from: ["none", "proposed", "active", "revise"], to: "exited" },
};

/** An embargo end as given: a date alone means 12:00:00Z that day. It must lie in the future. */
export function embargoEnd(input: string, now: Date): Date {
  const end = new Date(/^\d{4}-\d{2}-\d{2}$/.test(input) ? `${input}T12:00:00Z` : input);
  if (Number.isNaN(end.getTime())) throw invalid("endsAt", "not a date");
  if (end <= now) throw invalid("endsAt", `must be in the future (it is now ${now.toISOString()})`);
  return end;
}

/**
 * An active embargo whose end has passed is over: it reads as exited ("expired"), and every
 * transition starts from that.
 */
export function effectiveEmbargo(stored: Embargo, now: Date): Embargo {
  if (
    (stored.state === "active" || stored.state === "revise") &&
    stored.endsAt !== null &&
    new Date(stored.endsAt) <= now
  )
    return { state: "exited", endsAt: stored.endsAt, proposedEndsAt: null, exitedReason: "expired" };
  return stored;
}

/**
 * The embargo after a coordinator's action: propose (none → proposed, endsAt required), accept
 * (proposed|revise → active: the proposed end becomes the end), revise (active → revise, endsAt
 * required; the agreed end holds until the revision is accepted), exit (any but exited → exited,
 * ending now). A move the state does not allow is a conflict naming both.
 */
export function embargoAfter(current: Embargo, input: EmbargoInput, now: Date, reason = "coordinator"): Embargo {
  const move = EMBARGO_MOVES[input.action];
  if (!move.from.includes(current.state))
    throw conflict(`the embargo is ${current.state}: "${input.action}" needs it ${move.from.join(" or ")}`);
  const needsEnd = input.action === "propose" || input.action === "revise";
  if (needsEnd && input.endsAt === undefined) throw invalid("endsAt", `"${input.action}" needs the embargo end`);
  if (!needsEnd && input.endsAt !== undefined) throw invalid("endsAt", `"${input.action}" takes no end date`);
  switch (input.action) {
    case "propose":
    case "revise":
      return {
        state: move.to,
        endsAt: current.endsAt,
        proposedEndsAt: embargoEnd(input.endsAt!, now).toISOString(),
        exitedReason: null,
      };
    case "accept":
      return { state: "active", endsAt: current.proposedEndsAt, proposedEndsAt: null, exitedReason: null };
    case "exit":
      return { state: "exited", endsAt: now.toISOString(), proposedEndsAt: null, exitedReason: reason };
  }
}

/** The reason an embargo in force ends when these flags are set, or null when it goes on. */
export function earlyExitReason(embargo: Embargo, set: Partial<CaseFlags>): string | null {
  if (embargo.state !== "proposed" && embargo.state !== "active" && embargo.state !== "revise") return null;
  return EARLY_EXIT_FLAGS.find((e) => set[e.flag] === true)?.reason ?? null;
}

// ---- remediation --------------------------------------------------------------------------------------

/**
 * Days to remediate by SSVC outcome (instance setting `cases.remediation_days` overrides any of
 * them; null: no due date). Coordinator triage: Coordinate 45 (CERT/CC's default disclosure
 * window), Track 90, Decline none. Supplier/deployer priorities: Immediate 7, Out-of-Cycle 30,
 * Scheduled 90, Defer none.
 */
export const DEFAULT_REMEDIATION_DAYS: Readonly<Record<string, number | null>> = {
  Coordinate: 45,
  Track: 90,
  Decline: null,
  Immediate: 7,
  "Out-of-Cycle": 30,
  Scheduled: 90,
  Defer: null,
};

/**
 * The remediation due date: a KEV due date (the earliest of the case's CVEs; end of that day,
 * UTC) wins; else the SSVC outcome's policy days from the case's opening; else none.
 */
export function remediationOf(facts: {
  ssvcOutcome: string | null;
  policy: Readonly<Record<string, number | null>>;
  kevDueDates: readonly string[];
  openedAt: Date;
}): CaseRemediation {
  const ssvcOutcome = facts.ssvcOutcome;
  const policyDays = ssvcOutcome === null ? null : (facts.policy[ssvcOutcome] ?? null);
  const kevDueDate = [...facts.kevDueDates].sort()[0] ?? null;
  if (kevDueDate !== null)
    return { ssvcOutcome, policyDays, kevDueDate, dueAt: `${kevDueDate}T23:59:59.000Z`, source: "kev" };
  if (policyDays !== null) {
    const dueAt = new Date(facts.openedAt.getTime() + policyDays * 86_400_000).toISOString();
    return { ssvcOutcome, policyDays, kevDueDate, dueAt, source: "ssvc" };
  }
  return { ssvcOutcome, policyDays, kevDueDate, dueAt: null, source: null };
}

/** Parses `cases.remediation_days` over the defaults; a bad entry is a configuration error naming it. */
export function remediationPolicy(setting: unknown): Record<string, number | null> {
  if (setting === undefined || setting === null) return { ...DEFAULT_REMEDIATION_DAYS };
  const parsed = z.record(z.string(), z.number().int().min(0).max(3650).nullable()).safeParse(setting);
  if (!parsed.success)
    throw new AppError("internal", `instance setting cases.remediation_days: ${parsed.error.issues[0]?.message}`);
  return { ...DEFAULT_REMEDIATION_DAYS, ...parsed.data };
}
