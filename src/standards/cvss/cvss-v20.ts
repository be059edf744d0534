/**
 * CVSS 2.0 (FIRST, "A Complete Guide to the Common Vulnerability Scoring System Version 2.0", 2007).
 * Vectors carry no prefix and list metrics in the guide's predetermined order (§2.4); Temporal and
 * Environmental metrics are optional and default to ND.
 */
import type { Result } from "../result.ts";
import { ok } from "../result.ts";
import { roundHalfUp1 } from "./rounding.ts";
import type { MetricValues } from "./vector-string.ts";
import { compileGrammar } from "./vector-string.ts";

/** CVSS 2.0 metrics in vector order (guide Table 13) with their allowed values. */
export const CVSS2_METRICS = {
  AV: ["L", "A", "N"],
  AC: ["H", "M", "L"],
  Au: ["M", "S", "N"],
  C: ["N", "P", "C"],
  I: ["N", "P", "C"],
  A: ["N", "P", "C"],
  E: ["U", "POC", "F", "H", "ND"],
  RL: ["OF", "TF", "W", "U", "ND"],
  RC: ["UC", "UR", "C", "ND"],
  CDP: ["N", "L", "LM", "MH", "H", "ND"],
  TD: ["N", "L", "M", "H", "ND"],
  CR: ["L", "M", "H", "ND"],
  IR: ["L", "M", "H", "ND"],
  AR: ["L", "M", "H", "ND"],
} as const;

/** Every CVSS 2.0 metric with its value; omitted optional metrics hold `ND`. */
export type Cvss2Metrics = MetricValues<typeof CVSS2_METRICS>;

/** A parsed CVSS 2.0 vector. */
export interface Cvss2Vector {
  readonly version: "2.0";
  readonly metrics: Cvss2Metrics;
}

/** CVSS 2.0 ratings as NVD publishes them; the guide itself defines no qualitative scale. */
export type Cvss2Severity = "LOW" | "MEDIUM" | "HIGH";

/** Scores of a CVSS 2.0 vector (guide §3.2), each rounded to one decimal. */
export interface Cvss2Scores {
  readonly version: "2.0";
  readonly base: number;
  /** Base impact subscore. */
  readonly impact: number;
  /** Base exploitability subscore. */
  readonly exploitability: number;
  readonly temporal: number;
  readonly environmental: number;
  /** The most specific score: environmental if any Environmental metric is defined, else temporal if any Temporal one is, else base. */
  readonly score: number;
  /** Rating of `score` on NVD's CVSS 2.0 scale. */
  readonly severity: Cvss2Severity;
}

const codec = compileGrammar({
  label: "CVSS 2.0",
  prefix: "",
  table: CVSS2_METRICS,
  mandatory: ["AV", "AC", "Au", "C", "I", "A"],
  notDefined: "ND",
  ordered: true,
});

type Weights = { readonly [K in keyof typeof CVSS2_METRICS]: Readonly<Record<Cvss2Metrics[K], number>> };

/** Guide §3.2 constants. */
const W: Weights = {
  AV: { L: 0.395, A: 0.646, N: 1 },
  AC: { H: 0.35, M: 0.61, L: 0.71 },
  Au: { M: 0.45, S: 0.56, N: 0.704 },
  C: { N: 0, P: 0.275, C: 0.66 },
  I: { N: 0, P: 0.275, C: 0.66 },
  A: { N: 0, P: 0.275, C: 0.66 },
  E: { U: 0.85, POC: 0.9, F: 0.95, H: 1, ND: 1 },
  RL: { OF: 0.87, TF: 0.9, W: 0.95, U: 1, ND: 1 },
  RC: { UC: 0.9, UR: 0.95, C: 1, ND: 1 },
  CDP: { N: 0, L: 0.1, LM: 0.3, MH: 0.4, H: 0.5, ND: 0 },
  TD: { N: 0, L: 0.25, M: 0.75, H: 1, ND: 1 },
  CR: { L: 0.5, M: 1, H: 1.51, ND: 1 },
  IR: { L: 0.5, M: 1, H: 1.51, ND: 1 },
  AR: { L: 0.5, M: 1, H: 1.51, ND: 1 },
};

/** Reads a CVSS 2.0 vector such as `AV:N/AC:L/Au:N/C:P/I:P/A:P`. */
export function parseCvss2(vector: string): Result<Cvss2Vector> {
  const parsed = codec.parse(vector);
  return parsed.ok ? ok({ version: "2.0", metrics: parsed.value }) : parsed;
}

/** Writes the canonical CVSS 2.0 string: guide order, `ND` metrics left out. */
export function emitCvss2(vector: Cvss2Vector): string {
  return codec.emit(vector.metrics);
}

function impactOf(c: number, i: number, a: number): number {
  return 10.41 * (1 - (1 - c) * (1 - i) * (1 - a));
}

function baseOf(impact: number, exploitability: number): number {
  // The guide's formula goes below zero for an impact adjusted down by low requirements (CR/IR/AR:L with
  // one partial impact); scores are defined on 0–10, so it stops at 0.
  return Math.max(0, roundHalfUp1((0.6 * impact + 0.4 * exploitability - 1.5) * (impact === 0 ? 0 : 1.176)));
}

/** NVD's CVSS 2.0 scale: Low 0.0–3.9, Medium 4.0–6.9, High 7.0–10.0. */
export function cvss2SeverityOf(score: number): Cvss2Severity {
  if (score >= 7) return "HIGH";
  if (score >= 4) return "MEDIUM";
  return "LOW";
}

/** Computes the base, temporal and environmental scores of guide §3.2. */
export function scoreCvss2(vector: Cvss2Vector): Cvss2Scores {
  const m = vector.metrics;
  const impact = impactOf(W.C[m.C], W.I[m.I], W.A[m.A]);
  const exploitability = 20 * W.AV[m.AV] * W.AC[m.AC] * W.Au[m.Au];
  const base = baseOf(impact, exploitability);
  const temporalFactor = W.E[m.E] * W.RL[m.RL] * W.RC[m.RC];
  const temporal = roundHalfUp1(base * temporalFactor);
  const adjustedImpact = Math.min(10, impactOf(W.C[m.C] * W.CR[m.CR], W.I[m.I] * W.IR[m.IR], W.A[m.A] * W.AR[m.AR]));
  const adjustedTemporal = roundHalfUp1(baseOf(adjustedImpact, exploitability) * temporalFactor);
  const environmental = roundHalfUp1((adjustedTemporal + (10 - adjustedTemporal) * W.CDP[m.CDP]) * W.TD[m.TD]);
  const hasEnvironmental = m.CDP !== "ND" || m.TD !== "ND" || m.CR !== "ND" || m.IR !== "ND" || m.AR !== "ND";
  const hasTemporal = m.E !== "ND" || m.RL !== "ND" || m.RC !== "ND";
  const score = hasEnvironmental ? environmental : hasTemporal ? temporal : base;
  return {
    version: "2.0",
    base,
    impact: roundHalfUp1(impact),
    exploitability: roundHalfUp1(exploitability),
    temporal,
    environmental,
    score,
    severity: cvss2SeverityOf(score),
  };
}
