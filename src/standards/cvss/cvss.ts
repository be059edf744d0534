/**
 * One entry point for every CVSS version: detect the version from the vector, parse, score and emit.
 * The version files hold the rules; this file only maps a version to them.
 */
import type { Result } from "../result.ts";
import { fail, ok } from "../result.ts";
import type { Cvss3Scores, Cvss3Vector } from "./cvss-v3.ts";
import { CVSS3_METRICS, emitCvss3, parseCvss3, scoreCvss3 } from "./cvss-v3.ts";
import type { Cvss2Scores, Cvss2Vector } from "./cvss-v20.ts";
import { emitCvss2, parseCvss2, scoreCvss2 } from "./cvss-v20.ts";
import type { Cvss4Scores, Cvss4Vector } from "./cvss-v40.ts";
import { CVSS4_METRICS, emitCvss4, parseCvss4, scoreCvss4 } from "./cvss-v40.ts";

/** The CVSS versions this library reads. */
export type CvssVersion = "2.0" | "3.0" | "3.1" | "4.0";

/** A parsed vector of any version; `version` tells which. */
export type CvssVector = Cvss2Vector | Cvss3Vector | Cvss4Vector;

/** Scores of a vector of any version; every variant has `score` (the most specific one) and `severity`. */
export type CvssScores = Cvss2Scores | Cvss3Scores | Cvss4Scores;

/** Parsers by the version label after `CVSS:`. CVSS 2.0 vectors carry no label. */
const PARSERS: Readonly<Record<string, (vector: string) => Result<CvssVector>>> = {
  "3.0": parseCvss3,
  "3.1": parseCvss3,
  "4.0": parseCvss4,
};

/** Metric names of 3.x/4.0 vectors, to tell a prefix-less 3.x/4.0 vector from a broken 2.0 one. */
const PREFIXED_METRICS: ReadonlySet<string> = new Set([...Object.keys(CVSS3_METRICS), ...Object.keys(CVSS4_METRICS)]);

/**
 * Parses a CVSS vector of any version. `CVSS:3.0/`, `CVSS:3.1/` and `CVSS:4.0/` select their version; a
 * vector without a `CVSS:` label is read as CVSS 2.0, the only version whose vectors have none.
 */
export function parseCvss(vector: string): Result<CvssVector> {
  if (typeof vector !== "string") return fail("cvss.not_a_string", "a CVSS vector must be a string");
  if (vector.startsWith("CVSS:")) {
    const slash = vector.indexOf("/");
    const label = vector.slice(5, slash < 0 ? undefined : slash);
    const parse = Object.hasOwn(PARSERS, label) ? PARSERS[label] : undefined;
    if (parse === undefined) {
      return fail(
        "cvss.unknown_version",
        `"CVSS:${label}" is not a supported version (3.0, 3.1, 4.0; 2.0 vectors have no prefix)`,
        "CVSS",
      );
    }
    return parse(vector);
  }
  const parsed = parseCvss2(vector);
  if (!parsed.ok && parsed.error.code === "cvss.unknown_metric" && PREFIXED_METRICS.has(parsed.error.path ?? "")) {
    return fail(
      "cvss.missing_prefix",
      `metric ${parsed.error.path} is not CVSS 2.0; CVSS 3.x and 4.0 vectors must start with "CVSS:3.1/", "CVSS:4.0/" or similar`,
      parsed.error.path,
    );
  }
  return parsed;
}

/** Computes the scores of a parsed vector with its version's equations. */
export function scoreCvss(vector: Cvss2Vector): Cvss2Scores;
export function scoreCvss(vector: Cvss3Vector): Cvss3Scores;
export function scoreCvss(vector: Cvss4Vector): Cvss4Scores;
export function scoreCvss(vector: CvssVector): CvssScores;
export function scoreCvss(vector: CvssVector): CvssScores {
  switch (vector.version) {
    case "2.0":
      return scoreCvss2(vector);
    case "3.0":
    case "3.1":
      return scoreCvss3(vector);
    case "4.0":
      return scoreCvss4(vector);
  }
}

/** Writes the canonical vector string: specification order, prefix, and no Not Defined metrics. */
export function emitCvss(vector: CvssVector): string {
  switch (vector.version) {
    case "2.0":
      return emitCvss2(vector);
    case "3.0":
    case "3.1":
      return emitCvss3(vector);
    case "4.0":
      return emitCvss4(vector);
  }
}

/** Parses and scores in one step; the error of a vector that does not parse is returned unchanged. */
export function scoreCvssVector(vector: string): Result<CvssScores> {
  const parsed = parseCvss(vector);
  return parsed.ok ? ok(scoreCvss(parsed.value)) : parsed;
}
