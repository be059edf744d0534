import type { ModuleId } from "../../api-types.ts";

/** One line per module for the dashboard's overview. */
export const MODULE_SUMMARIES: Record<ModuleId, string> = {
  dashboard: "Your overview.",
  clearinghouse: "Vulnerability reports, coordinated cases, embargoes, vendor statements and advisories.",
  exposure: "Software inventories of infrastructure operators, matched against advisories; notices and remediation.",
  evaluation: "Cyber-capability evaluation runs of AI models, with scores and their uncertainty.",
  framework: "The voluntary pre-release framework: agreements, registered models, engagements and determinations.",
  programs: "The executive order's taskings and the Tech Force cyber pathways.",
  admin: "Users, organisations, clearances and the audit log.",
};
