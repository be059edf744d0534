import { z } from "zod";
import { parseCvss } from "../../standards/cvss/index.ts";
import { cweName, parseCweId } from "../../standards/cwe/index.ts";
import { OSV_CREDIT_TYPES, OSV_REFERENCE_TYPES } from "../../standards/osv/index.ts";
import { parsePurl } from "../../standards/purl/index.ts";
import { parseSelectionList, type SelectionList } from "../../standards/ssvc/index.ts";
import { isCpe23 } from "../../standards/stix/index.ts";
import { TLP_LABELS } from "../../standards/tlp/index.ts";
import { compileOsvAffected, resolveEcosystem } from "../../standards/versions/index.ts";

/**
 * Advisories: the normalised vulnerability description a case publishes (`AdvisoryDraft`), and the
 * published or imported advisory as the API shows it (`Advisory`).
 *
 * How the cases module publishes (the contract):
 *
 *     const advisory = await ctx.advisories.publish(trx, actor, draft, { caseId });
 *
 * inside the case's own transaction. `publish` checks `canPublishAdvisory(actor)` first, parses the
 * draft (a bad field is an AppError "validation" naming `draft.<field>`), allocates `AICC-YYYY-NNNN`
 * when the draft has no id (a draft with the id of an earlier publication revises it), renders CSAF
 * 2.0 (`csaf_vex` when the draft carries vendor statements, else `csaf_security_advisory`), OSV 1.7
 * and, when the draft has a CVE id among its aliases, a CVE 5.x record; validates each with the
 * standards library (an invalid document is an AppError "validation" naming the document and the
 * field, e.g. `csaf:/vulnerabilities/0/cwe/name`, and nothing is written: throwing rolls back the
 * caller's transaction); stores them and appends an `advisory.publish` audit entry in `trx`.
 * Enrichment: `ctx.advisories.kevFor(cveId, trx)` gives the KEV catalogue entry of a CVE.
 */

export const CVE_ID = /^CVE-\d{4}-\d{4,}$/;
/** Any advisory id we accept: letters, digits and `._:+-`, as OSV, CSAF and CVE ids are written. */
const ADVISORY_ID = /^[A-Za-z0-9][A-Za-z0-9._:+-]{1,99}$/;

export const ADVISORY_SOURCES = ["import:osv", "import:csaf", "import:cve5", "case"] as const;
export type AdvisorySource = (typeof ADVISORY_SOURCES)[number];
export const ADVISORY_FORMATS = ["csaf", "osv", "cve5"] as const;
export const AdvisoryFormat = z.enum(ADVISORY_FORMATS);
export type AdvisoryFormat = z.infer<typeof AdvisoryFormat>;

export const TlpLabelSchema = z.enum(TLP_LABELS);

const text = (max: number) => z.string().trim().min(1).max(max);
/** Links end up clickable in pages and documents: http(s) only, never `javascript:` or `data:`. */
const WebUrl = z
  .string()
  .max(2000)
  .url()
  .regex(/^https?:\/\/[^\s]+$/i, "must be an http(s) URL");
const Timestamp = z.string().datetime({ offset: true });

/** One OSV range event: exactly one of introduced, fixed, last_affected, limit. */
const OsvEventSchema = z
  .object({
    introduced: text(200).optional(),
    fixed: text(200).optional(),
    last_affected: text(200).optional(),
    limit: text(200).optional(),
  })
  .strict()
  .refine((e) => Object.keys(e).length === 1, "an event sets exactly one of introduced, fixed, last_affected, limit");

const OsvRangeSchema = z.object({
  type: z.enum(["SEMVER", "ECOSYSTEM", "GIT"]),
  repo: WebUrl.optional(),
  events: z.array(OsvEventSchema).min(1).max(200),
});

/**
 * A package in an ecosystem with the OSV-style description of its affected versions: ranges of
 * events and/or an explicit version list. Fixed versions are the ranges' `fixed` events.
 */
export const AffectedPackageSchema = z
  .object({
    ecosystem: text(100),
    name: text(300),
    purl: text(1000).optional(),
    ranges: z.array(OsvRangeSchema).max(50).default([]),
    versions: z.array(text(200)).max(5000).default([]),
  })
  .superRefine((pkg, ctx) => {
    const ecosystem = resolveEcosystem(pkg.ecosystem);
    if (!ecosystem.ok && ecosystem.error.code !== "versions.unordered_ecosystem") {
      ctx.addIssue({ code: "custom", path: ["ecosystem"], message: ecosystem.error.message });
      return;
    }
    if (pkg.purl !== undefined) {
      const purl = parsePurl(pkg.purl);
      if (!purl.ok) ctx.addIssue({ code: "custom", path: ["purl"], message: purl.error.message });
    }
    if (pkg.ranges.length === 0 && pkg.versions.length === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["ranges"],
        message: "give ranges or versions: which versions are affected",
      });
    }
    const compiled = compileOsvAffected({ package: { ecosystem: pkg.ecosystem, name: pkg.name }, ...pkg });
    if (!compiled.ok) {
      const path = (compiled.error.path ?? "").split("/").filter(Boolean);
      ctx.addIssue({ code: "custom", path, message: compiled.error.message });
    }
    pkg.ranges.forEach((range, r) => {
      if (range.type === "GIT" && range.repo === undefined)
        ctx.addIssue({ code: "custom", path: ["ranges", r, "repo"], message: "a GIT range needs the repository URL" });
    });
  });
export type AffectedPackage = z.infer<typeof AffectedPackageSchema>;

/**
 * A version or version range of a product without an ecosystem, as CVE records write it: `version`
 * alone is one affected version; with `lessThan`/`lessThanOrEqual` it is the range's start ("0" for
 * "every version before").
 */
const ProductVersionSchema = z
  .object({
    version: text(200),
    lessThan: text(200).optional(),
    lessThanOrEqual: text(200).optional(),
  })
  .refine((v) => v.lessThan === undefined || v.lessThanOrEqual === undefined, "give lessThan or lessThanOrEqual");

const Cpe = text(1000).refine(isCpe23, "not a CPE 2.3 formatted string (cpe:2.3:a:vendor:product:…)");

/** A product named by vendor and product (firmware, appliances, services), optionally with a CPE. */
export const AffectedProductSchema = z.object({
  vendor: text(200),
  product: text(200),
  cpe: Cpe.optional(),
  versions: z.array(ProductVersionSchema).max(500).default([]),
});
export type AffectedProduct = z.infer<typeof AffectedProductSchema>;

export const VEX_STATUSES = ["affected", "not_affected", "fixed", "under_investigation"] as const;
/** The CSAF/VEX justification labels for `not_affected`. */
export const VEX_JUSTIFICATIONS = [
  "component_not_present",
  "vulnerable_code_not_present",
  "vulnerable_code_not_in_execute_path",
  "vulnerable_code_cannot_be_controlled_by_adversary",
  "inline_mitigations_already_exist",
] as const;

/** A vendor's statement about one product (version) in VEX terms. */
export const VendorStatementSchema = z
  .object({
    vendor: text(200),
    product: text(200),
    /** The version (or version range, as text) the statement is about; absent means every version. */
    version: text(200).optional(),
    purl: text(1000).optional(),
    cpe: Cpe.optional(),
    status: z.enum(VEX_STATUSES),
    justification: z.enum(VEX_JUSTIFICATIONS).optional(),
    /** Why the product is not affected, in words (VEX impact statement). */
    impactStatement: text(2000).optional(),
    /** What users of an affected product should do (VEX action statement). */
    actionStatement: text(2000).optional(),
    fixedVersions: z.array(text(200)).max(50).default([]),
  })
  .superRefine((s, ctx) => {
    if (s.status === "not_affected" && s.justification === undefined && s.impactStatement === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["justification"],
        message: "a not_affected statement needs a justification or an impact statement",
      });
    if (s.status !== "not_affected" && s.justification !== undefined)
      ctx.addIssue({ code: "custom", path: ["justification"], message: "only not_affected statements carry one" });
    if (s.purl !== undefined) {
      const purl = parsePurl(s.purl);
      if (!purl.ok) ctx.addIssue({ code: "custom", path: ["purl"], message: purl.error.message });
    }
  });
export type VendorStatement = z.infer<typeof VendorStatementSchema>;

export const RemediationSchema = z.object({
  category: z.enum(["vendor_fix", "workaround", "mitigation", "no_fix_planned", "none_available"]),
  details: text(5000),
  url: WebUrl.optional(),
});
export type Remediation = z.infer<typeof RemediationSchema>;

export const ReferenceSchema = z.object({
  url: WebUrl,
  type: z.enum(OSV_REFERENCE_TYPES).default("WEB"),
  summary: text(500).optional(),
});

export const CreditSchema = z.object({
  name: text(200),
  contact: z.array(text(500)).max(10).default([]),
  type: z.enum(OSV_CREDIT_TYPES).optional(),
});

const CweIdSchema = z.string().superRefine((value, ctx) => {
  const id = parseCweId(value);
  if (!id.ok) ctx.addIssue({ code: "custom", message: id.error.message });
  else if (cweName(id.value) === undefined)
    ctx.addIssue({ code: "custom", message: `${value} is not in the CWE catalogue` });
});

/** A CVSS 3.1 or 4.0 vector; the score is computed, never taken from the input. */
const CvssInputSchema = z.object({
  vector: z.string().superRefine((vector, ctx) => {
    const parsed = parseCvss(vector);
    if (!parsed.ok) ctx.addIssue({ code: "custom", message: parsed.error.message });
    else if (parsed.value.version !== "3.1" && parsed.value.version !== "4.0")
      ctx.addIssue({ code: "custom", message: "give a CVSS 3.1 or 4.0 vector" });
  }),
});

/** An SSVC selection list (SSVC schema 2.0.0), checked by the standards library. */
const SsvcSchema = z.custom<SelectionList>().superRefine((value, ctx) => {
  const parsed = parseSelectionList(value);
  if (!parsed.ok)
    ctx.addIssue({
      code: "custom",
      path: (parsed.error.path ?? "").split("/").filter(Boolean),
      message: parsed.error.message,
    });
});

/**
 * The normalised vulnerability description the clearinghouse publishes. Field names are the API's
 * (camelCase); the renderers turn it into CSAF, OSV and CVE documents.
 */
export const AdvisoryDraftSchema = z
  .object({
    /** Absent: a new `AICC-YYYY-NNNN` is allocated. The id of an earlier publication revises it. */
    id: z.string().regex(ADVISORY_ID, "letters, digits and ._:+- only").optional(),
    /** Other ids of the same vulnerability: the CVE id, GHSA ids, vendor ids. */
    aliases: z.array(z.string().regex(ADVISORY_ID, "letters, digits and ._:+- only")).max(50).default([]),
    title: text(256),
    summary: text(1000),
    /** Full description (CommonMark, rendered safely where shown). */
    details: z.string().max(50_000).default(""),
    cwes: z.array(CweIdSchema).max(20).default([]),
    cvss: z.array(CvssInputSchema).max(4).default([]),
    ssvc: SsvcSchema.optional(),
    packages: z.array(AffectedPackageSchema).max(500).default([]),
    products: z.array(AffectedProductSchema).max(500).default([]),
    vendorStatements: z.array(VendorStatementSchema).max(1000).default([]),
    remediations: z.array(RemediationSchema).max(50).default([]),
    references: z.array(ReferenceSchema).max(200).default([]),
    credits: z.array(CreditSchema).max(100).default([]),
    tlp: TlpLabelSchema,
    /** Organisation ids that may read an AMBER, AMBER+STRICT or RED advisory (besides coordinators). */
    recipients: z.array(z.string().min(1).max(100)).max(500).default([]),
    published: Timestamp.optional(),
    modified: Timestamp.optional(),
  })
  .superRefine((draft, ctx) => {
    if (draft.packages.length + draft.products.length + draft.vendorStatements.length === 0)
      ctx.addIssue({
        code: "custom",
        path: ["packages"],
        message: "name what is affected: packages, products or vendor statements",
      });
    if (draft.aliases.filter((a) => CVE_ID.test(a)).length > 1)
      ctx.addIssue({ code: "custom", path: ["aliases"], message: "at most one CVE id: one advisory per CVE" });
    if (draft.tlp === "CLEAR" && draft.recipients.length > 0)
      ctx.addIssue({ code: "custom", path: ["recipients"], message: "a TLP:CLEAR advisory is public: no recipients" });
  });
/** The draft as callers write it (defaults optional). */
export type AdvisoryDraftInput = z.input<typeof AdvisoryDraftSchema>;
/** The draft after parsing (defaults filled in). */
export type AdvisoryDraft = z.infer<typeof AdvisoryDraftSchema>;

/** An advisory as lists and pages show it (documents apart). */
export const AdvisorySchema = z.object({
  id: z.string(),
  source: z.enum(ADVISORY_SOURCES),
  sourceId: z.string(),
  caseId: z.string().nullable(),
  aliases: z.array(z.string()),
  cveId: z.string().nullable(),
  title: z.string(),
  summary: z.string(),
  severity: z.string().nullable(),
  cvssScore: z.number().nullable(),
  tlp: TlpLabelSchema,
  recipients: z.array(z.string()),
  revision: z.number(),
  publishedAt: z.string(),
  modifiedAt: z.string(),
  withdrawnAt: z.string().nullable(),
  formats: z.array(AdvisoryFormat),
});
export type Advisory = z.infer<typeof AdvisorySchema>;

/** A KEV catalogue entry (CISA Known Exploited Vulnerabilities). */
export const KevEntrySchema = z.object({
  cveId: z.string(),
  vendor: z.string(),
  product: z.string(),
  name: z.string(),
  description: z.string(),
  requiredAction: z.string(),
  /** YYYY-MM-DD. */
  dateAdded: z.string(),
  /** YYYY-MM-DD: the federal remediation due date. */
  dueDate: z.string().nullable(),
  knownRansomware: z.boolean(),
  notes: z.string(),
  cwes: z.array(z.string()),
});
export type KevEntry = z.infer<typeof KevEntrySchema>;

/** An advisory with its documents and KEV entry (the single-advisory API). */
export const AdvisoryDetailSchema = AdvisorySchema.extend({
  documents: z.record(z.string(), z.unknown()),
  kev: KevEntrySchema.nullable(),
});
export type AdvisoryDetail = z.infer<typeof AdvisoryDetailSchema>;

/** List filters of GET /api/advisories. */
export const AdvisoryListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(300).optional(),
  ecosystem: z.string().trim().min(1).max(100).optional(),
  package: z.string().trim().min(1).max(300).optional(),
  q: z.string().trim().min(1).max(200).optional(),
  kev: z.enum(["true", "false"]).optional(),
});
export type AdvisoryListQuery = z.infer<typeof AdvisoryListQuery>;
