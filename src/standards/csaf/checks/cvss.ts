/** Tests on CVSS scores: 6.1.7–6.1.10, 6.2.3 and 6.2.19. */

import {
  type Cvss2Scores,
  type Cvss2Vector,
  type Cvss3Scores,
  type Cvss3Vector,
  parseCvss,
  scoreCvss2,
  scoreCvss3,
  severityOf,
} from "../../cvss/index.ts";
import { type CsafCvssVersion, cvssJsonMetrics } from "../cvss-json.ts";
import type { CvssV2, CvssV3 } from "../vulnerability-types.ts";
import type { CsafCheck } from "./check.ts";
import type { CheckContext } from "./context.ts";

/** A vector of a version CSAF 2.0 carries. */
type CsafCvssVector = Cvss2Vector | Cvss3Vector;

/** One CVSS object of the document with where it is and, when its vector is valid, the parsed vector. */
interface CvssEntry {
  cvss: CvssV2 | CvssV3;
  /** The same object, indexable by the property names of the metric tables. */
  fields: Readonly<Record<string, unknown>>;
  version: CsafCvssVersion;
  path: string;
  vector: CsafCvssVector | undefined;
  vectorError: string | undefined;
}

/** "Not defined" value of a version's optional metrics: omitted metrics parse to it. */
function notDefined(version: CsafCvssVersion): string {
  return version === "2.0" ? "ND" : "X";
}

function parseEntry(cvss: CvssV2 | CvssV3, path: string): CvssEntry {
  const entry = { cvss, fields: cvss as unknown as Record<string, unknown>, version: cvss.version, path };
  const parsed = parseCvss(cvss.vectorString);
  if (!parsed.ok) return { ...entry, vector: undefined, vectorError: parsed.error.message };
  if (parsed.value.version !== cvss.version) {
    const message = `the vector is CVSS ${parsed.value.version}, the object says ${cvss.version}`;
    return { ...entry, vector: undefined, vectorError: message };
  }
  return { ...entry, vector: parsed.value as CsafCvssVector, vectorError: undefined };
}

// Parsed once per document and shared by the CVSS tests.
const entriesCache = new WeakMap<CheckContext, CvssEntry[]>();

function cvssEntries(ctx: CheckContext): CvssEntry[] {
  let entries = entriesCache.get(ctx);
  if (entries !== undefined) return entries;
  entries = [];
  for (const [v, vuln] of (ctx.doc.vulnerabilities ?? []).entries()) {
    for (const [s, score] of (vuln.scores ?? []).entries()) {
      const path = `/vulnerabilities/${v}/scores/${s}`;
      if (score.cvss_v2) entries.push(parseEntry(score.cvss_v2, `${path}/cvss_v2`));
      if (score.cvss_v3) entries.push(parseEntry(score.cvss_v3, `${path}/cvss_v3`));
    }
  }
  entriesCache.set(ctx, entries);
  return entries;
}

/** The metric values of a parsed vector, by abbreviation. */
function metricsOf(vector: CsafCvssVector): Readonly<Record<string, string>> {
  return vector.metrics;
}

function scoresOf(vector: CsafCvssVector): Cvss2Scores | Cvss3Scores {
  return vector.version === "2.0" ? scoreCvss2(vector) : scoreCvss3(vector);
}

/** 6.1.7: per vulnerability, a product has at most one score per CVSS version. */
export const multipleScores: CsafCheck = {
  id: "6.1.7",
  reason: "multiple_scores_same_version",
  title: "Multiple Scores with same Version per Product",
  run(ctx, report) {
    ctx.doc.vulnerabilities?.forEach((vuln, v) => {
      const seen = new Set<string>();
      vuln.scores?.forEach((score, s) => {
        for (const cvss of [score.cvss_v2, score.cvss_v3]) {
          if (cvss === undefined) continue;
          score.products.forEach((id, p) => {
            const key = `${cvss.version}\u0000${id}`;
            if (seen.has(key)) {
              report(
                `/vulnerabilities/${v}/scores/${s}/products/${p}`,
                `product id ${id} has a second CVSS ${cvss.version} score`,
              );
            }
            seen.add(key);
          });
        }
      });
    });
  },
};

/** 6.1.8 beyond the JSON schema (which `validateCsaf` maps to this test too): the vector must be a valid vector. */
export const invalidCvss: CsafCheck = {
  id: "6.1.8",
  reason: "invalid_cvss",
  title: "Invalid CVSS",
  run(ctx, report) {
    for (const entry of cvssEntries(ctx)) {
      if (entry.vectorError !== undefined) report(`${entry.path}/vectorString`, entry.vectorError);
    }
  },
};

const SCORE_FIELDS = [
  ["baseScore", "baseSeverity", "base"],
  ["temporalScore", "temporalSeverity", "temporal"],
  ["environmentalScore", "environmentalSeverity", "environmental"],
] as const;

/** 6.1.9: the scores and severities given agree with the ones computed from the vector. */
export const invalidCvssComputation: CsafCheck = {
  id: "6.1.9",
  reason: "invalid_cvss_computation",
  title: "Invalid CVSS computation",
  run(ctx, report) {
    for (const entry of cvssEntries(ctx)) {
      if (entry.vector === undefined) continue;
      const computed = scoresOf(entry.vector);
      const given = entry.fields;
      for (const [scoreField, severityField, group] of SCORE_FIELDS) {
        const expected = computed[group];
        const score = given[scoreField];
        if (score !== undefined && score !== expected) {
          report(`${entry.path}/${scoreField}`, `is ${String(score)}, the vector gives ${expected}`);
        }
        const severity = given[severityField];
        if (entry.version !== "2.0" && severity !== undefined && severity !== severityOf(expected)) {
          report(`${entry.path}/${severityField}`, `is ${String(severity)}, the vector gives ${severityOf(expected)}`);
        }
      }
    }
  },
};

/** 6.1.10: the metric properties given agree with the vector. */
export const inconsistentCvss: CsafCheck = {
  id: "6.1.10",
  reason: "inconsistent_cvss",
  title: "Inconsistent CVSS",
  run(ctx, report) {
    for (const entry of cvssEntries(ctx)) {
      if (entry.vector === undefined) continue;
      const values = metricsOf(entry.vector);
      // Only metrics the vector defines are compared: a property for a metric the vector leaves undefined adds
      // information (the OASIS test data for 6.2.19 relies on this).
      for (const metric of cvssJsonMetrics(entry.version)) {
        const value = values[metric.key];
        const property = entry.fields[metric.property];
        if (value === undefined || value === notDefined(entry.version) || property === undefined) continue;
        if (metric.values[value] !== property) {
          report(`${entry.path}/${metric.property}`, `is ${String(property)}, the vector says ${metric.key}:${value}`);
        }
      }
    }
  },
};

const AFFECTED = ["first_affected", "known_affected", "last_affected"] as const;

/** 6.2.3: every affected product has a score. */
export const missingScore: CsafCheck = {
  id: "6.2.3",
  reason: "missing_score",
  title: "Missing Score",
  run(ctx, report) {
    ctx.doc.vulnerabilities?.forEach((vuln, v) => {
      const scored = new Set(vuln.scores?.flatMap((s) => s.products));
      for (const name of AFFECTED) {
        vuln.product_status?.[name]?.forEach((id, i) => {
          if (!scored.has(id)) {
            report(`/vulnerabilities/${v}/product_status/${name}/${i}`, `product id ${id} has no score`);
          }
        });
      }
    });
  },
};

/** The environmental score of an entry, with metric properties standing in for metrics the vector leaves undefined. */
function environmentalScore(entry: CvssEntry): number | undefined {
  if (entry.cvss.environmentalScore !== undefined) return entry.cvss.environmentalScore;
  if (entry.vector === undefined) return undefined;
  const metrics: Record<string, string> = { ...metricsOf(entry.vector) };
  for (const metric of cvssJsonMetrics(entry.version)) {
    const property = entry.fields[metric.property];
    if (metrics[metric.key] !== notDefined(entry.version) || typeof property !== "string") continue;
    const key = Object.keys(metric.values).find((k) => metric.values[k] === property);
    if (key !== undefined) metrics[metric.key] = key;
  }
  return scoresOf({ ...entry.vector, metrics } as CsafCvssVector).environmental;
}

/** 6.2.19: a score that applies to a fixed product has an environmental score of 0. */
export const cvssForFixed: CsafCheck = {
  id: "6.2.19",
  reason: "cvss_for_fixed_product",
  title: "CVSS for Fixed Products",
  run(ctx, report) {
    const byScore = new Map(cvssEntries(ctx).map((e) => [e.cvss, e]));
    ctx.doc.vulnerabilities?.forEach((vuln, v) => {
      const fixed = new Set([...(vuln.product_status?.first_fixed ?? []), ...(vuln.product_status?.fixed ?? [])]);
      vuln.scores?.forEach((score, s) => {
        const products = score.products.filter((id) => fixed.has(id));
        if (products.length === 0) return;
        for (const cvss of [score.cvss_v2, score.cvss_v3]) {
          const entry = cvss === undefined ? undefined : byScore.get(cvss);
          // An invalid vector is test 6.1.8's; without a score there is nothing to compare.
          const environmental = entry === undefined ? undefined : environmentalScore(entry);
          if (entry === undefined || environmental === undefined || environmental === 0) continue;
          report(
            `/vulnerabilities/${v}/scores/${s}`,
            `CVSS ${entry.version} applies to fixed product ${products.join(", ")} but its environmental score is not 0`,
          );
        }
      });
    });
  },
};
