import {
  OSV_SCHEMA_VERSION,
  type OsvAffected,
  type OsvEvent,
  type OsvVulnerability,
} from "../../standards/osv/index.ts";
import type { AdvisoryDraft } from "./model.ts";
import { advisoryPageUrl, osvIdFor, type RenderMeta } from "./render-context.ts";

/**
 * The OSV 1.7 document of a draft. Only packages in an ecosystem (or with GIT ranges) fit OSV;
 * products without an ecosystem and vendor statements live in the CSAF and CVE documents.
 */
export function renderOsv(draft: AdvisoryDraft, meta: RenderMeta): OsvVulnerability {
  const affected: OsvAffected[] = draft.packages.map((pkg) => ({
    package: { ecosystem: pkg.ecosystem, name: pkg.name, ...(pkg.purl !== undefined && { purl: pkg.purl }) },
    ...(pkg.ranges.length > 0 && {
      ranges: pkg.ranges.map((range) => ({
        type: range.type,
        ...(range.repo !== undefined && { repo: range.repo }),
        events: range.events as OsvEvent[],
      })),
    }),
    ...(pkg.versions.length > 0 && { versions: pkg.versions }),
  }));
  const references = draft.references.map((r) => ({ type: r.type, url: r.url }));
  if (draft.tlp === "CLEAR") references.push({ type: "ADVISORY", url: advisoryPageUrl(meta) });
  const osv: OsvVulnerability = {
    schema_version: OSV_SCHEMA_VERSION,
    id: osvIdFor(meta.id),
    modified: meta.modified,
    published: meta.published,
    ...(draft.aliases.length > 0 && { aliases: draft.aliases }),
    summary: draft.title,
    details: draft.details === "" ? draft.summary : `${draft.summary}\n\n${draft.details}`,
    ...(draft.cvss.length > 0 && {
      severity: draft.cvss.map((c) => ({
        type: c.vector.startsWith("CVSS:4.0/") ? ("CVSS_V4" as const) : ("CVSS_V3" as const),
        score: c.vector,
      })),
    }),
    ...(affected.length > 0 && { affected }),
    ...(references.length > 0 && { references }),
    ...(draft.credits.length > 0 && {
      credits: draft.credits.map((c) => ({
        name: c.name,
        ...(c.contact.length > 0 && { contact: c.contact }),
        ...(c.type !== undefined && { type: c.type }),
      })),
    }),
    database_specific: {
      source: "aicc",
      advisory_id: meta.id,
      tlp: draft.tlp,
      ...(draft.cwes.length > 0 && { cwe_ids: draft.cwes }),
    },
  };
  return osv;
}
