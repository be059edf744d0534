/**
 * CVSS objects in FIRST's JSON representation, the form CSAF 2.0 carries (`cvss_v2`, `cvss_v3`): for every metric its
 * vector abbreviation, its JSON property name and the vector value → JSON value mapping. The vector grammar and the
 * scores are `../cvss`'s; this table adds the JSON names, for the schemas (`cvss-schemas.ts`) and test 6.1.10.
 */

/** CVSS versions a CSAF 2.0 document can carry. */
export type CsafCvssVersion = "2.0" | "3.0" | "3.1";

/** Metric group; every base metric must appear in a vector. */
export type CvssMetricGroup = "base" | "temporal" | "environmental";

/** One CVSS metric. */
export interface CvssMetric {
  /** Abbreviation in the vector string, e.g. `AV`. */
  key: string;
  /** Property name in the JSON object, e.g. `attackVector`. */
  property: string;
  group: CvssMetricGroup;
  /** Vector value → JSON value, e.g. `{ N: "NETWORK" }`; the "not defined" value included where the metric has one. */
  values: Readonly<Record<string, string>>;
}

const V3_AV = { N: "NETWORK", A: "ADJACENT_NETWORK", L: "LOCAL", P: "PHYSICAL" };
const V3_AC = { L: "LOW", H: "HIGH" };
const V3_PR = { N: "NONE", L: "LOW", H: "HIGH" };
const V3_UI = { N: "NONE", R: "REQUIRED" };
const V3_S = { U: "UNCHANGED", C: "CHANGED" };
const V3_CIA = { N: "NONE", L: "LOW", H: "HIGH" };
const REQUIREMENT_V3 = { X: "NOT_DEFINED", L: "LOW", M: "MEDIUM", H: "HIGH" };
const NOT_DEFINED_V3 = { X: "NOT_DEFINED" };

/** CVSS v3.0 and v3.1 metrics (the two versions share names and values). */
export const CVSS_V3_METRICS: readonly CvssMetric[] = [
  { key: "AV", property: "attackVector", group: "base", values: V3_AV },
  { key: "AC", property: "attackComplexity", group: "base", values: V3_AC },
  { key: "PR", property: "privilegesRequired", group: "base", values: V3_PR },
  { key: "UI", property: "userInteraction", group: "base", values: V3_UI },
  { key: "S", property: "scope", group: "base", values: V3_S },
  { key: "C", property: "confidentialityImpact", group: "base", values: V3_CIA },
  { key: "I", property: "integrityImpact", group: "base", values: V3_CIA },
  { key: "A", property: "availabilityImpact", group: "base", values: V3_CIA },
  {
    key: "E",
    property: "exploitCodeMaturity",
    group: "temporal",
    values: { X: "NOT_DEFINED", U: "UNPROVEN", P: "PROOF_OF_CONCEPT", F: "FUNCTIONAL", H: "HIGH" },
  },
  {
    key: "RL",
    property: "remediationLevel",
    group: "temporal",
    values: { X: "NOT_DEFINED", O: "OFFICIAL_FIX", T: "TEMPORARY_FIX", W: "WORKAROUND", U: "UNAVAILABLE" },
  },
  {
    key: "RC",
    property: "reportConfidence",
    group: "temporal",
    values: { X: "NOT_DEFINED", U: "UNKNOWN", R: "REASONABLE", C: "CONFIRMED" },
  },
  { key: "CR", property: "confidentialityRequirement", group: "environmental", values: REQUIREMENT_V3 },
  { key: "IR", property: "integrityRequirement", group: "environmental", values: REQUIREMENT_V3 },
  { key: "AR", property: "availabilityRequirement", group: "environmental", values: REQUIREMENT_V3 },
  { key: "MAV", property: "modifiedAttackVector", group: "environmental", values: { ...NOT_DEFINED_V3, ...V3_AV } },
  { key: "MAC", property: "modifiedAttackComplexity", group: "environmental", values: { ...NOT_DEFINED_V3, ...V3_AC } },
  {
    key: "MPR",
    property: "modifiedPrivilegesRequired",
    group: "environmental",
    values: { ...NOT_DEFINED_V3, ...V3_PR },
  },
  { key: "MUI", property: "modifiedUserInteraction", group: "environmental", values: { ...NOT_DEFINED_V3, ...V3_UI } },
  { key: "MS", property: "modifiedScope", group: "environmental", values: { ...NOT_DEFINED_V3, ...V3_S } },
  {
    key: "MC",
    property: "modifiedConfidentialityImpact",
    group: "environmental",
    values: { ...NOT_DEFINED_V3, ...V3_CIA },
  },
  { key: "MI", property: "modifiedIntegrityImpact", group: "environmental", values: { ...NOT_DEFINED_V3, ...V3_CIA } },
  {
    key: "MA",
    property: "modifiedAvailabilityImpact",
    group: "environmental",
    values: { ...NOT_DEFINED_V3, ...V3_CIA },
  },
];

const V2_CIA = { N: "NONE", P: "PARTIAL", C: "COMPLETE" };
const REQUIREMENT_V2 = { L: "LOW", M: "MEDIUM", H: "HIGH", ND: "NOT_DEFINED" };

/** CVSS v2.0 metrics. */
export const CVSS_V2_METRICS: readonly CvssMetric[] = [
  { key: "AV", property: "accessVector", group: "base", values: { L: "LOCAL", A: "ADJACENT_NETWORK", N: "NETWORK" } },
  { key: "AC", property: "accessComplexity", group: "base", values: { H: "HIGH", M: "MEDIUM", L: "LOW" } },
  { key: "Au", property: "authentication", group: "base", values: { M: "MULTIPLE", S: "SINGLE", N: "NONE" } },
  { key: "C", property: "confidentialityImpact", group: "base", values: V2_CIA },
  { key: "I", property: "integrityImpact", group: "base", values: V2_CIA },
  { key: "A", property: "availabilityImpact", group: "base", values: V2_CIA },
  {
    key: "E",
    property: "exploitability",
    group: "temporal",
    values: { U: "UNPROVEN", POC: "PROOF_OF_CONCEPT", F: "FUNCTIONAL", H: "HIGH", ND: "NOT_DEFINED" },
  },
  {
    key: "RL",
    property: "remediationLevel",
    group: "temporal",
    values: { OF: "OFFICIAL_FIX", TF: "TEMPORARY_FIX", W: "WORKAROUND", U: "UNAVAILABLE", ND: "NOT_DEFINED" },
  },
  {
    key: "RC",
    property: "reportConfidence",
    group: "temporal",
    values: { UC: "UNCONFIRMED", UR: "UNCORROBORATED", C: "CONFIRMED", ND: "NOT_DEFINED" },
  },
  {
    key: "CDP",
    property: "collateralDamagePotential",
    group: "environmental",
    values: { N: "NONE", L: "LOW", LM: "LOW_MEDIUM", MH: "MEDIUM_HIGH", H: "HIGH", ND: "NOT_DEFINED" },
  },
  {
    key: "TD",
    property: "targetDistribution",
    group: "environmental",
    values: { N: "NONE", L: "LOW", M: "MEDIUM", H: "HIGH", ND: "NOT_DEFINED" },
  },
  { key: "CR", property: "confidentialityRequirement", group: "environmental", values: REQUIREMENT_V2 },
  { key: "IR", property: "integrityRequirement", group: "environmental", values: REQUIREMENT_V2 },
  { key: "AR", property: "availabilityRequirement", group: "environmental", values: REQUIREMENT_V2 },
];

/** The metric table of a version. */
export function cvssJsonMetrics(version: CsafCvssVersion): readonly CvssMetric[] {
  return version === "2.0" ? CVSS_V2_METRICS : CVSS_V3_METRICS;
}
