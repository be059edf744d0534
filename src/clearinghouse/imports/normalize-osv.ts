import { digestOf } from "../../platform/crypto/canonical-json.ts";
import { type OsvVulnerability, parseOsvJson, parseOsvYaml } from "../../standards/osv/index.ts";
import type { TlpLabel } from "../../standards/tlp/index.ts";
import { cveIdOf, headlineScore, packageRecords } from "../advisories/record.ts";
import { type Normalized, rejected, summaryFrom, titleFrom, utc } from "./model.ts";

/** GitHub's severity words (database_specific.severity of GHSA-derived entries) on the CVSS scale. */
const GHSA_SEVERITY: Record<string, string> = { LOW: "LOW", MODERATE: "MEDIUM", HIGH: "HIGH", CRITICAL: "CRITICAL" };

function severityOf(osv: OsvVulnerability): { score: number | null; severity: string | null } {
  const vectors = [...(osv.severity ?? []), ...(osv.affected ?? []).flatMap((a) => a.severity ?? [])]
    .filter((s) => s.type.startsWith("CVSS_"))
    .map((s) => s.score);
  const headline = headlineScore(vectors);
  if (headline !== null) return { score: headline.score, severity: headline.severity };
  const word = osv.database_specific?.severity;
  return { score: null, severity: typeof word === "string" ? (GHSA_SEVERITY[word.toUpperCase()] ?? null) : null };
}

/** An OSV document (JSON, or YAML for `.yaml`/`.yml` files) as an advisory record. */
export function normalizeOsv(text: string, file: string, tlp: TlpLabel): Normalized {
  const parsed = /\.ya?ml$/i.test(file) ? parseOsvYaml(text) : parseOsvJson(text);
  if (!parsed.ok) return rejected(parsed.error.path, parsed.error.message);
  const osv = parsed.value;
  const aliases = [...new Set(osv.aliases ?? [])].filter((a) => a !== osv.id);
  const details = osv.details ?? "";
  const { score, severity } = severityOf(osv);
  return {
    ok: true,
    value: {
      id: osv.id,
      source: "import:osv",
      sourceId: osv.id,
      caseId: null,
      osvId: osv.id,
      aliases,
      cveId: cveIdOf([osv.id, ...aliases]),
      title: osv.summary?.trim() || titleFrom(details) || osv.id,
      summary: summaryFrom(details || (osv.summary ?? "")),
      severity,
      cvssScore: score,
      tlp,
      recipients: [],
      revision: 1,
      publishedAt: utc(osv.published ?? osv.modified),
      modifiedAt: utc(osv.modified),
      withdrawnAt: osv.withdrawn === undefined ? null : utc(osv.withdrawn),
      documents: { osv },
      contentHash: digestOf(osv),
      packages: packageRecords(osv.affected ?? []),
    },
  };
}
