/**
 * What CVSS 3.0 and 3.1 share: the vector grammar (spec Table 15; readers must accept any metric order),
 * the metric weights and the score equations of spec §7. The two versions differ only in their
 * {@link Cvss3Rules}, which live in cvss-v30.ts and cvss-v31.ts.
 */
import type { Result } from "../result.ts";
import { fail, ok } from "../result.ts";
import { cvss30Rules } from "./cvss-v30.ts";
import { cvss31Rules } from "./cvss-v31.ts";
import { roundHalfUp1 } from "./rounding.ts";
import type { CvssSeverity } from "./severity.ts";
import { severityOf } from "./severity.ts";
import type { MetricValues } from "./vector-string.ts";
import { compileGrammar } from "./vector-string.ts";

/** CVSS 3.x metrics in the preferred vector order (spec Table 15) with their allowed values. */
export const CVSS3_METRICS = {
  AV: ["N", "A", "L", "P"],
  AC: ["L", "H"],
  PR: ["N", "L", "H"],
  UI: ["N", "R"],
  S: ["U", "C"],
  C: ["H", "L", "N"],
  I: ["H", "L", "N"],
  A: ["H", "L", "N"],
  E: ["X", "H", "F", "P", "U"],
  RL: ["X", "U", "W", "T", "O"],
  RC: ["X", "C", "R", "U"],
  CR: ["X", "H", "M", "L"],
  IR: ["X", "H", "M", "L"],
  AR: ["X", "H", "M", "L"],
  MAV: ["X", "N", "A", "L", "P"],
  MAC: ["X", "L", "H"],
  MPR: ["X", "N", "L", "H"],
  MUI: ["X", "N", "R"],
  MS: ["X", "U", "C"],
  MC: ["X", "H", "L", "N"],
  MI: ["X", "H", "L", "N"],
  MA: ["X", "H", "L", "N"],
} as const;

/** Every CVSS 3.x metric with its value; omitted optional metrics hold `X`. */
export type Cvss3Metrics = MetricValues<typeof CVSS3_METRICS>;

/** The two 3.x versions. */
export type Cvss3Version = "3.0" | "3.1";

/** A parsed CVSS 3.0 or 3.1 vector. */
export interface Cvss3Vector {
  readonly version: Cvss3Version;
  readonly metrics: Cvss3Metrics;
}

/** Scores of a CVSS 3.x vector (spec §7). */
export interface Cvss3Scores {
  readonly version: Cvss3Version;
  readonly base: number;
  /** Base impact subscore, rounded to one decimal as NVD publishes it. */
  readonly impact: number;
  /** Base exploitability subscore, rounded to one decimal as NVD publishes it. */
  readonly exploitability: number;
  readonly temporal: number;
  readonly environmental: number;
  /** The most specific score: environmental if any Environmental metric is defined, else temporal if any Temporal one is, else base. */
  readonly score: number;
  /** Rating of `score` (spec §5). */
  readonly severity: CvssSeverity;
}

/** The parts of the 3.x equations that changed between 3.0 and 3.1. */
export interface Cvss3Rules {
  readonly version: Cvss3Version;
  /** The version's "round up to one decimal". */
  roundup(x: number): number;
  /** Modified Impact when the modified scope is Changed, from the capped modified impact sub score (MISS). */
  changedScopeModifiedImpact(miss: number): number;
}

const RULES: Readonly<Record<Cvss3Version, Cvss3Rules>> = { "3.0": cvss30Rules, "3.1": cvss31Rules };

const GRAMMAR = {
  table: CVSS3_METRICS,
  mandatory: ["AV", "AC", "PR", "UI", "S", "C", "I", "A"],
  notDefined: "X",
  ordered: false,
} as const;

const CODECS = {
  "3.0": compileGrammar({ ...GRAMMAR, label: "CVSS 3.0", prefix: "CVSS:3.0/" }),
  "3.1": compileGrammar({ ...GRAMMAR, label: "CVSS 3.1", prefix: "CVSS:3.1/" }),
};

/** Reads a CVSS 3.0 or 3.1 vector; the prefix (`CVSS:3.0/` or `CVSS:3.1/`) decides which. */
export function parseCvss3(vector: string): Result<Cvss3Vector> {
  if (typeof vector !== "string") return fail("cvss.not_a_string", "a CVSS vector must be a string");
  const version = vector.startsWith("CVSS:3.0/") ? "3.0" : vector.startsWith("CVSS:3.1/") ? "3.1" : undefined;
  if (version === undefined) {
    return fail("cvss.missing_prefix", 'a CVSS 3.x vector must start with "CVSS:3.0/" or "CVSS:3.1/"');
  }
  const parsed = CODECS[version].parse(vector);
  return parsed.ok ? ok({ version, metrics: parsed.value }) : parsed;
}

/** Writes the canonical string: Table 15 order, `X` metrics left out. */
export function emitCvss3(vector: Cvss3Vector): string {
  return CODECS[vector.version].emit(vector.metrics);
}

// Metric weights of spec §7.4 (PR depends on whether the scope changes).
const AV = { N: 0.85, A: 0.62, L: 0.55, P: 0.2 } as const;
const AC = { L: 0.77, H: 0.44 } as const;
const PR_UNCHANGED = { N: 0.85, L: 0.62, H: 0.27 } as const;
const PR_CHANGED = { N: 0.85, L: 0.68, H: 0.5 } as const;
const UI = { N: 0.85, R: 0.62 } as const;
const CIA = { H: 0.56, L: 0.22, N: 0 } as const;
const E = { X: 1, H: 1, F: 0.97, P: 0.94, U: 0.91 } as const;
const RL = { X: 1, U: 1, W: 0.97, T: 0.96, O: 0.95 } as const;
const RC = { X: 1, C: 1, R: 0.96, U: 0.92 } as const;
const REQUIREMENT = { X: 1, H: 1.5, M: 1, L: 0.5 } as const;

/** A modified metric's effective value: itself when defined, else the base metric it modifies. */
function pick<T extends string>(modified: T | "X", base: T): T {
  return modified === "X" ? base : modified;
}

/** Computes the base, temporal and environmental scores of spec §7.1–7.3. */
export function scoreCvss3(vector: Cvss3Vector): Cvss3Scores {
  const { roundup, changedScopeModifiedImpact } = RULES[vector.version];
  const m = vector.metrics;

  const changed = m.S === "C";
  const iss = 1 - (1 - CIA[m.C]) * (1 - CIA[m.I]) * (1 - CIA[m.A]);
  const impact = changed ? 7.52 * (iss - 0.029) - 3.25 * (iss - 0.02) ** 15 : 6.42 * iss;
  const exploitability = 8.22 * AV[m.AV] * AC[m.AC] * (changed ? PR_CHANGED : PR_UNCHANGED)[m.PR] * UI[m.UI];
  const base = impact <= 0 ? 0 : roundup(Math.min((changed ? 1.08 : 1) * (impact + exploitability), 10));

  const temporalFactor = E[m.E] * RL[m.RL] * RC[m.RC];
  const temporal = roundup(base * temporalFactor);

  const mChanged = pick(m.MS, m.S) === "C";
  const miss = Math.min(
    1 -
      (1 - REQUIREMENT[m.CR] * CIA[pick(m.MC, m.C)]) *
        (1 - REQUIREMENT[m.IR] * CIA[pick(m.MI, m.I)]) *
        (1 - REQUIREMENT[m.AR] * CIA[pick(m.MA, m.A)]),
    0.915,
  );
  const mImpact = mChanged ? changedScopeModifiedImpact(miss) : 6.42 * miss;
  const mExploitability =
    8.22 *
    AV[pick(m.MAV, m.AV)] *
    AC[pick(m.MAC, m.AC)] *
    (mChanged ? PR_CHANGED : PR_UNCHANGED)[pick(m.MPR, m.PR)] *
    UI[pick(m.MUI, m.UI)];
  const environmental =
    mImpact <= 0
      ? 0
      : roundup(roundup(Math.min((mChanged ? 1.08 : 1) * (mImpact + mExploitability), 10)) * temporalFactor);

  const hasEnvironmental = (["CR", "IR", "AR", "MAV", "MAC", "MPR", "MUI", "MS", "MC", "MI", "MA"] as const).some(
    (k) => m[k] !== "X",
  );
  const hasTemporal = m.E !== "X" || m.RL !== "X" || m.RC !== "X";
  const score = hasEnvironmental ? environmental : hasTemporal ? temporal : base;
  return {
    version: vector.version,
    base,
    impact: Math.max(0, roundHalfUp1(impact)),
    exploitability: roundHalfUp1(exploitability),
    temporal,
    environmental,
    score,
    severity: severityOf(score),
  };
}
