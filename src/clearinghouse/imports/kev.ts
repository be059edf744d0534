import { z } from "zod";
import type { KevEntry } from "../advisories/model.ts";
import type { ImportProblem } from "./model.ts";

/**
 * CISA's Known Exploited Vulnerabilities catalogue (known_exploited_vulnerabilities.json, the
 * shape of CISA's published schema). Each entry is checked on its own: a bad entry is reported with
 * its field and the others import.
 */
const DATE = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD");

const KevVulnerability = z.object({
  cveID: z.string().regex(/^CVE-\d{4}-\d{4,}$/, "must be a CVE id"),
  vendorProject: z.string(),
  product: z.string(),
  vulnerabilityName: z.string(),
  dateAdded: DATE,
  shortDescription: z.string().default(""),
  requiredAction: z.string().default(""),
  dueDate: DATE.optional(),
  knownRansomwareCampaignUse: z.string().default("Unknown"),
  notes: z.string().default(""),
  cwes: z.array(z.string()).default([]),
});

const KevCatalog = z.object({
  catalogVersion: z.string(),
  vulnerabilities: z.array(z.unknown()),
});

/** Reads the catalogue: its version, the valid entries, and a problem per invalid entry. */
export function readKevCatalog(
  text: string,
  file: string,
): { catalogVersion: string; entries: KevEntry[]; problems: ImportProblem[]; total: number } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return {
      catalogVersion: "",
      entries: [],
      total: 1,
      problems: [{ file, field: "(document)", message: `not JSON: ${(error as Error).message}` }],
    };
  }
  const catalog = KevCatalog.safeParse(json);
  if (!catalog.success) {
    const issue = catalog.error.issues[0]!;
    return {
      catalogVersion: "",
      entries: [],
      total: 1,
      problems: [{ file, field: `/${issue.path.join("/")}`, message: issue.message }],
    };
  }
  const entries: KevEntry[] = [];
  const problems: ImportProblem[] = [];
  catalog.data.vulnerabilities.forEach((raw, i) => {
    const parsed = KevVulnerability.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      problems.push({ file, field: `/vulnerabilities/${i}/${issue.path.join("/")}`, message: issue.message });
      return;
    }
    const v = parsed.data;
    entries.push({
      cveId: v.cveID,
      vendor: v.vendorProject,
      product: v.product,
      name: v.vulnerabilityName,
      description: v.shortDescription,
      requiredAction: v.requiredAction,
      dateAdded: v.dateAdded,
      dueDate: v.dueDate ?? null,
      knownRansomware: v.knownRansomwareCampaignUse.toLowerCase() === "known",
      notes: v.notes,
      cwes: v.cwes,
    });
  });
  return { catalogVersion: catalog.data.catalogVersion, entries, problems, total: catalog.data.vulnerabilities.length };
}
