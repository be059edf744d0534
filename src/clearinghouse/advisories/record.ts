import type { z } from "zod";
import { parseCvss, scoreCvss } from "../../standards/cvss/index.ts";
import type { OsvAffected } from "../../standards/osv/index.ts";
import {
  type AdvisoryFormat,
  type AdvisorySource,
  type AffectedPackage,
  CVE_ID,
  type TlpLabelSchema,
} from "./model.ts";

/** What publishing and imports write (`AdvisoryRecord`), and the pure rules both apply. */

// ---- write model (publish and imports produce it, the store writes it) -----------------------------

/** One package row: an OSV affected entry and its lookup keys. */
export interface PackageRecord {
  ecosystem: string | null;
  name: string | null;
  normalizedName: string | null;
  purl: string | null;
  commits: string[];
  affected: Record<string, unknown>;
}

/** Everything written for one advisory (published or imported). */
export interface AdvisoryRecord {
  id: string;
  source: AdvisorySource;
  sourceId: string;
  caseId: string | null;
  osvId: string | null;
  aliases: string[];
  cveId: string | null;
  title: string;
  summary: string;
  severity: string | null;
  cvssScore: number | null;
  tlp: z.infer<typeof TlpLabelSchema>;
  recipients: string[];
  revision: number;
  publishedAt: string;
  modifiedAt: string;
  withdrawnAt: string | null;
  /** Documents by format: `{ csaf, osv, cve5 }` as far as the advisory has them. */
  documents: Partial<Record<AdvisoryFormat, unknown>>;
  contentHash: string;
  packages: PackageRecord[];
}

/** Package rows of OSV affected entries: lookup keys (name per ecosystem rules, purl, GIT commits) and the entry. */
export function packageRecords(affected: readonly OsvAffected[]): PackageRecord[] {
  return affected.map((entry) => {
    const pkg = entry.package;
    const commits = (entry.ranges ?? [])
      .filter((r) => r.type === "GIT")
      .flatMap((r) =>
        r.events.flatMap((e) =>
          "introduced" in e && e.introduced !== "0" ? [e.introduced] : "last_affected" in e ? [e.last_affected] : [],
        ),
      );
    return {
      ecosystem: pkg?.ecosystem ?? null,
      name: pkg?.name ?? null,
      normalizedName: pkg === undefined ? null : normalizePackageName(pkg.ecosystem, pkg.name),
      purl: pkg?.purl ?? null,
      commits: [...new Set(commits)],
      affected: entry as unknown as Record<string, unknown>,
    };
  });
}

// ---- pure rules -------------------------------------------------------------------------------

/** The lookup form of a package name: PyPI names compare per PEP 503, other ecosystems as written. */
export function normalizePackageName(ecosystem: string, name: string): string {
  return ecosystem.split(":")[0] === "PyPI" ? name.toLowerCase().replace(/[-_.]+/g, "-") : name;
}

/** The CVE id among an advisory's id and aliases, if any. */
export function cveIdOf(ids: readonly string[]): string | null {
  return ids.find((id) => CVE_ID.test(id)) ?? null;
}

const VERSION_RANK: Record<string, number> = { "2.0": 0, "3.0": 1, "3.1": 2, "4.0": 3 };

/** The score and severity of the newest CVSS version among the vectors (unparseable ones are skipped). */
export function headlineScore(vectors: readonly string[]): { score: number; severity: string } | null {
  let best: { rank: number; score: number; severity: string } | null = null;
  for (const vector of vectors) {
    const parsed = parseCvss(vector);
    if (!parsed.ok) continue;
    const rank = VERSION_RANK[parsed.value.version] ?? 0;
    if (best !== null && best.rank >= rank) continue;
    const scores = scoreCvss(parsed.value);
    best = { rank, score: scores.score, severity: scores.severity.toUpperCase() };
  }
  return best === null ? null : { score: best.score, severity: best.severity };
}

/** The fixed versions of a package: its ranges' `fixed` events, in order, without repeats. */
export function fixedVersions(pkg: Pick<AffectedPackage, "ranges">): string[] {
  const out = pkg.ranges.filter((r) => r.type !== "GIT").flatMap((r) => r.events.flatMap((e) => e.fixed ?? []));
  return [...new Set(out)];
}
