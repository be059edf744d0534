/**
 * CVSS 4.0 (FIRST, 2023): vector grammar (spec §7: fixed order, every other ordering is invalid),
 * MacroVectors (§8.2, Tables 24–30) and the interpolation that scores a vector inside its MacroVector.
 */
import type { Result } from "../result.ts";
import { ok } from "../result.ts";
import type { EqHighest } from "./cvss-v40-tables.ts";
import { EQ_DEPTH, EQ_HIGHEST, MACRO_VECTOR_SCORES, SEVERITY_STEP } from "./cvss-v40-tables.ts";
import { roundHalfUp1 } from "./rounding.ts";
import type { CvssSeverity } from "./severity.ts";
import { severityOf } from "./severity.ts";
import type { MetricValues } from "./vector-string.ts";
import { compileGrammar } from "./vector-string.ts";

/** CVSS 4.0 metrics in the required vector order (spec Table 23) with their allowed values. */
export const CVSS4_METRICS = {
  AV: ["N", "A", "L", "P"],
  AC: ["L", "H"],
  AT: ["N", "P"],
  PR: ["N", "L", "H"],
  UI: ["N", "P", "A"],
  VC: ["H", "L", "N"],
  VI: ["H", "L", "N"],
  VA: ["H", "L", "N"],
  SC: ["H", "L", "N"],
  SI: ["H", "L", "N"],
  SA: ["H", "L", "N"],
  E: ["X", "A", "P", "U"],
  CR: ["X", "H", "M", "L"],
  IR: ["X", "H", "M", "L"],
  AR: ["X", "H", "M", "L"],
  MAV: ["X", "N", "A", "L", "P"],
  MAC: ["X", "L", "H"],
  MAT: ["X", "N", "P"],
  MPR: ["X", "N", "L", "H"],
  MUI: ["X", "N", "P", "A"],
  MVC: ["X", "H", "L", "N"],
  MVI: ["X", "H", "L", "N"],
  MVA: ["X", "H", "L", "N"],
  MSC: ["X", "H", "L", "N"],
  MSI: ["X", "S", "H", "L", "N"],
  MSA: ["X", "S", "H", "L", "N"],
  S: ["X", "N", "P"],
  AU: ["X", "N", "Y"],
  R: ["X", "A", "U", "I"],
  V: ["X", "D", "C"],
  RE: ["X", "L", "M", "H"],
  U: ["X", "Clear", "Green", "Amber", "Red"],
} as const;

/** Every CVSS 4.0 metric with its value; omitted Threat, Environmental and Supplemental metrics hold `X`. */
export type Cvss4Metrics = MetricValues<typeof CVSS4_METRICS>;

/** A parsed CVSS 4.0 vector. */
export interface Cvss4Vector {
  readonly version: "4.0";
  readonly metrics: Cvss4Metrics;
}

/** Which metric groups a CVSS 4.0 score reflects (spec §1.3): Base, plus Threat and/or Environmental when defined. */
export type Cvss4Nomenclature = "CVSS-B" | "CVSS-BT" | "CVSS-BE" | "CVSS-BTE";

/** Score of a CVSS 4.0 vector. Supplemental metrics never change it. */
export interface Cvss4Scores {
  readonly version: "4.0";
  readonly score: number;
  readonly severity: CvssSeverity;
  readonly nomenclature: Cvss4Nomenclature;
  /** The six EQ levels, e.g. `"001100"`. */
  readonly macroVector: string;
}

const codec = compileGrammar({
  label: "CVSS 4.0",
  prefix: "CVSS:4.0/",
  table: CVSS4_METRICS,
  mandatory: ["AV", "AC", "AT", "PR", "UI", "VC", "VI", "VA", "SC", "SI", "SA"],
  notDefined: "X",
  ordered: true,
});

/** Reads a CVSS 4.0 vector such as `CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N`. */
export function parseCvss4(vector: string): Result<Cvss4Vector> {
  const parsed = codec.parse(vector);
  return parsed.ok ? ok({ version: "4.0", metrics: parsed.value }) : parsed;
}

/** Writes the canonical string: Table 23 order, `X` metrics left out. */
export function emitCvss4(vector: Cvss4Vector): string {
  return codec.emit(vector.metrics);
}

/** The values scoring works on (§4.2): Modified metrics replace their Base metric, and X becomes the worst case. */
export interface Cvss4Effective {
  readonly AV: "N" | "A" | "L" | "P";
  readonly AC: "L" | "H";
  readonly AT: "N" | "P";
  readonly PR: "N" | "L" | "H";
  readonly UI: "N" | "P" | "A";
  readonly VC: "H" | "L" | "N";
  readonly VI: "H" | "L" | "N";
  readonly VA: "H" | "L" | "N";
  readonly SC: "H" | "L" | "N";
  /** `S` (Safety) only through MSI. */
  readonly SI: "S" | "H" | "L" | "N";
  /** `S` (Safety) only through MSA. */
  readonly SA: "S" | "H" | "L" | "N";
  readonly E: "A" | "P" | "U";
  readonly CR: "H" | "M" | "L";
  readonly IR: "H" | "M" | "L";
  readonly AR: "H" | "M" | "L";
}

/** Resolves the effective values of §4.2: E and CR/IR/AR default to A and H; Modified metrics override Base ones. */
export function effectiveCvss4(m: Cvss4Metrics): Cvss4Effective {
  return {
    AV: m.MAV === "X" ? m.AV : m.MAV,
    AC: m.MAC === "X" ? m.AC : m.MAC,
    AT: m.MAT === "X" ? m.AT : m.MAT,
    PR: m.MPR === "X" ? m.PR : m.MPR,
    UI: m.MUI === "X" ? m.UI : m.MUI,
    VC: m.MVC === "X" ? m.VC : m.MVC,
    VI: m.MVI === "X" ? m.VI : m.MVI,
    VA: m.MVA === "X" ? m.VA : m.MVA,
    SC: m.MSC === "X" ? m.SC : m.MSC,
    SI: m.MSI === "X" ? m.SI : m.MSI,
    SA: m.MSA === "X" ? m.SA : m.MSA,
    E: m.E === "X" ? "A" : m.E,
    CR: m.CR === "X" ? "H" : m.CR,
    IR: m.IR === "X" ? "H" : m.IR,
    AR: m.AR === "X" ? "H" : m.AR,
  };
}

/** The EQ1…EQ6 levels of Tables 24–29 for effective values; 0 is the most severe level. */
export function eqLevels(e: Cvss4Effective): [number, number, number, number, number, number] {
  const eq1 =
    e.AV === "N" && e.PR === "N" && e.UI === "N"
      ? 0
      : (e.AV === "N" || e.PR === "N" || e.UI === "N") && e.AV !== "P"
        ? 1
        : 2;
  const eq2 = e.AC === "L" && e.AT === "N" ? 0 : 1;
  const eq3 = e.VC === "H" && e.VI === "H" ? 0 : e.VC === "H" || e.VI === "H" || e.VA === "H" ? 1 : 2;
  const eq4 = e.SI === "S" || e.SA === "S" ? 0 : e.SC === "H" || e.SI === "H" || e.SA === "H" ? 1 : 2;
  const eq5 = e.E === "A" ? 0 : e.E === "P" ? 1 : 2;
  const eq6 =
    (e.CR === "H" && e.VC === "H") || (e.IR === "H" && e.VI === "H") || (e.AR === "H" && e.VA === "H") ? 0 : 1;
  return [eq1, eq2, eq3, eq4, eq5, eq6];
}

/**
 * Severity distance of `e` from the first highest severity vector of its EQ level that is at least as
 * severe in every metric (§8.2 step 1.2). One always exists; the unit tests enumerate every EQ to show it.
 */
function distanceFromHighest(e: Cvss4Effective, highest: readonly EqHighest[]): number {
  for (const candidate of highest) {
    let distance = 0;
    for (const [metric, value] of candidate) {
      const step = SEVERITY_STEP[metric][e[metric]]! - SEVERITY_STEP[metric][value]!;
      if (step < 0) {
        distance = -1;
        break;
      }
      distance += step;
    }
    if (distance >= 0) return distance;
  }
  return 0;
}

/** MacroVector scores keyed by the six EQ levels read as a decimal number (`"001100"` → 1100). */
const SCORES = new Map(Object.entries(MACRO_VECTOR_SCORES).map(([levels, score]) => [Number(levels), score]));

/**
 * §8.2: the MacroVector's score minus the mean, over the EQs that have a next lower MacroVector, of the
 * score gap to it times the vector's severity distance divided by the level's depth.
 */
function interpolate(e: Cvss4Effective, levels: readonly number[]): number {
  const [eq1, eq2, eq3, eq4, eq5, eq6] = levels as [number, number, number, number, number, number];
  const key = eq1 * 100000 + eq2 * 10000 + eq3 * 1000 + eq4 * 100 + eq5 * 10 + eq6;
  const value = SCORES.get(key)!;
  let sum = 0;
  let count = 0;
  // A level one past an EQ's last has no MacroVector, so its lookup is undefined and that EQ drops out.
  const add = (lower: number | undefined, distance: number, depth: number) => {
    if (lower === undefined) return;
    sum += ((value - lower) * distance) / depth;
    count += 1;
  };
  add(SCORES.get(key + 100000), distanceFromHighest(e, EQ_HIGHEST.eq1[eq1]!), EQ_DEPTH.eq1[eq1]!);
  add(SCORES.get(key + 10000), distanceFromHighest(e, EQ_HIGHEST.eq2[eq2]!), EQ_DEPTH.eq2[eq2]!);
  // EQ3 and EQ6 step down together (Table 30): 00 to 01 or 10, whichever scores higher; 01 and 10 to 11; 11 to 21.
  const joint = eq3 * 10 + eq6;
  const lowerJoint =
    joint === 0
      ? Math.max(SCORES.get(key + 1)!, SCORES.get(key + 1000)!)
      : SCORES.get(joint === 10 ? key + 1 : key + 1000);
  add(lowerJoint, distanceFromHighest(e, EQ_HIGHEST.eq3eq6[joint]!), EQ_DEPTH.eq3eq6[joint]!);
  add(SCORES.get(key + 100), distanceFromHighest(e, EQ_HIGHEST.eq4[eq4]!), EQ_DEPTH.eq4[eq4]!);
  // EQ5 (E) has one value per level, so its distance is always 0; a lower MacroVector still counts towards the mean.
  add(SCORES.get(key + 10), 0, 1);
  const score = value - (count === 0 ? 0 : sum / count);
  return roundHalfUp1(Math.min(10, Math.max(0, score)));
}

/** Environmental metrics: defining any of them makes a score CVSS-BE or CVSS-BTE. */
const ENVIRONMENTAL_METRICS = [
  "CR",
  "IR",
  "AR",
  "MAV",
  "MAC",
  "MAT",
  "MPR",
  "MUI",
  "MVC",
  "MVI",
  "MVA",
  "MSC",
  "MSI",
  "MSA",
] as const;

/** Scores a CVSS 4.0 vector: MacroVector lookup plus interpolation (§8.2), rounded half up to one decimal. */
export function scoreCvss4(vector: Cvss4Vector): Cvss4Scores {
  const m = vector.metrics;
  const e = effectiveCvss4(m);
  const levels = eqLevels(e);
  const noImpact = e.VC === "N" && e.VI === "N" && e.VA === "N" && e.SC === "N" && e.SI === "N" && e.SA === "N";
  const score = noImpact ? 0 : interpolate(e, levels);
  const threat = m.E !== "X";
  const environmental = ENVIRONMENTAL_METRICS.some((k) => m[k] !== "X");
  const nomenclature = threat ? (environmental ? "CVSS-BTE" : "CVSS-BT") : environmental ? "CVSS-BE" : "CVSS-B";
  return { version: "4.0", score, severity: severityOf(score), nomenclature, macroVector: levels.join("") };
}
