/** Profile tests 6.1.27.1–6.1.27.11: what the informational, incident, security advisory and VEX profiles require. */

import type { CsafProfileCategory } from "../document-types.ts";
import type { CsafCheck, Report } from "./check.ts";
import { type CheckContext, coveredProducts } from "./context.ts";

/** A test that applies only to documents of the given profile categories. */
function profileCheck(
  id: string,
  reason: string,
  title: string,
  profiles: readonly CsafProfileCategory[],
  run: (ctx: CheckContext, report: Report) => void,
): CsafCheck {
  return {
    id,
    reason,
    title,
    run(ctx, report) {
      if ((profiles as readonly string[]).includes(ctx.doc.document.category)) run(ctx, report);
    },
  };
}

const INFORMATIONAL = ["csaf_informational_advisory", "csaf_security_incident_response"] as const;
const ADVISORY_OR_VEX = ["csaf_security_advisory", "csaf_vex"] as const;
const DESCRIPTIVE_NOTES = ["description", "details", "general", "summary"];

/** 6.1.27.1 */
export const profileDocumentNotes = profileCheck(
  "6.1.27.1",
  "profile_document_notes",
  "Document Notes",
  INFORMATIONAL,
  (ctx, report) => {
    if (!ctx.doc.document.notes?.some((n) => DESCRIPTIVE_NOTES.includes(n.category))) {
      report("/document/notes", "needs a note of category description, details, general or summary");
    }
  },
);

/** 6.1.27.2 (a reference without category is `external`, the schema's default). */
export const profileDocumentReferences = profileCheck(
  "6.1.27.2",
  "profile_document_references",
  "Document References",
  INFORMATIONAL,
  (ctx, report) => {
    if (!ctx.doc.document.references?.some((r) => (r.category ?? "external") === "external")) {
      report("/document/references", "needs a reference of category external");
    }
  },
);

/** 6.1.27.3 */
export const profileNoVulnerabilities = profileCheck(
  "6.1.27.3",
  "profile_vulnerabilities_present",
  "Vulnerabilities",
  ["csaf_informational_advisory"],
  (ctx, report) => {
    if (ctx.doc.vulnerabilities !== undefined)
      report("/vulnerabilities", "must not exist in an informational advisory");
  },
);

/** 6.1.27.4 */
export const profileProductTree = profileCheck(
  "6.1.27.4",
  "profile_product_tree_missing",
  "Product Tree",
  ADVISORY_OR_VEX,
  (ctx, report) => {
    if (ctx.doc.product_tree === undefined) report("/product_tree", "is required");
  },
);

/** 6.1.27.5 */
export const profileVulnerabilityNotes = profileCheck(
  "6.1.27.5",
  "profile_vulnerability_notes",
  "Vulnerability Notes",
  ADVISORY_OR_VEX,
  (ctx, report) => {
    ctx.doc.vulnerabilities?.forEach((vuln, v) => {
      if (vuln.notes === undefined) report(`/vulnerabilities/${v}/notes`, "is required");
    });
  },
);

/** 6.1.27.6 */
export const profileProductStatus = profileCheck(
  "6.1.27.6",
  "profile_product_status",
  "Product Status",
  ["csaf_security_advisory"],
  (ctx, report) => {
    ctx.doc.vulnerabilities?.forEach((vuln, v) => {
      if (vuln.product_status === undefined) report(`/vulnerabilities/${v}/product_status`, "is required");
    });
  },
);

const VEX_STATUSES = ["fixed", "known_affected", "known_not_affected", "under_investigation"] as const;

/** 6.1.27.7 */
export const profileVexProductStatus = profileCheck(
  "6.1.27.7",
  "profile_vex_product_status",
  "VEX Product Status",
  ["csaf_vex"],
  (ctx, report) => {
    ctx.doc.vulnerabilities?.forEach((vuln, v) => {
      if (!VEX_STATUSES.some((name) => vuln.product_status?.[name] !== undefined)) {
        report(
          `/vulnerabilities/${v}/product_status`,
          "needs fixed, known_affected, known_not_affected or under_investigation",
        );
      }
    });
  },
);

/** 6.1.27.8 */
export const profileVulnerabilityId = profileCheck(
  "6.1.27.8",
  "profile_vulnerability_id",
  "Vulnerability ID",
  ["csaf_vex"],
  (ctx, report) => {
    ctx.doc.vulnerabilities?.forEach((vuln, v) => {
      if (vuln.cve === undefined && vuln.ids === undefined) report(`/vulnerabilities/${v}`, "needs cve or ids");
    });
  },
);

/** 6.1.27.9: each known-not-affected product has an impact statement (a flag or an `impact` threat). */
export const profileImpactStatement = profileCheck(
  "6.1.27.9",
  "profile_impact_statement",
  "Impact Statement",
  ["csaf_vex"],
  (ctx, report) => {
    ctx.doc.vulnerabilities?.forEach((vuln, v) => {
      const justified = new Set<string>();
      for (const flag of vuln.flags ?? []) for (const id of coveredProducts(ctx, flag)) justified.add(id);
      for (const threat of vuln.threats ?? []) {
        if (threat.category === "impact") for (const id of coveredProducts(ctx, threat)) justified.add(id);
      }
      vuln.product_status?.known_not_affected?.forEach((id, i) => {
        if (!justified.has(id)) {
          report(
            `/vulnerabilities/${v}/product_status/known_not_affected/${i}`,
            `product id ${id} has no impact statement`,
          );
        }
      });
    });
  },
);

/** 6.1.27.10: each known-affected product has an action statement (a remediation). */
export const profileActionStatement = profileCheck(
  "6.1.27.10",
  "profile_action_statement",
  "Action Statement",
  ["csaf_vex"],
  (ctx, report) => {
    ctx.doc.vulnerabilities?.forEach((vuln, v) => {
      const acted = new Set<string>();
      for (const remediation of vuln.remediations ?? []) {
        for (const id of coveredProducts(ctx, remediation)) acted.add(id);
      }
      vuln.product_status?.known_affected?.forEach((id, i) => {
        if (!acted.has(id)) {
          report(
            `/vulnerabilities/${v}/product_status/known_affected/${i}`,
            `product id ${id} has no action statement`,
          );
        }
      });
    });
  },
);

/** 6.1.27.11 */
export const profileVulnerabilities = profileCheck(
  "6.1.27.11",
  "profile_vulnerabilities_missing",
  "Vulnerabilities",
  ADVISORY_OR_VEX,
  (ctx, report) => {
    if (ctx.doc.vulnerabilities === undefined) report("/vulnerabilities", "is required");
  },
);
