import { AppError } from "../../platform/errors/errors.ts";
import { emitCvss, parseCvss, scoreCvss } from "../../standards/cvss/index.ts";
import {
  builtinDecisionTable,
  builtinDecisionTables,
  decisionPointId,
  evaluateDecisionTable,
  SSVC_TABLE_IDS,
} from "../../standards/ssvc/index.ts";
import type { CvssScore, SsvcResult } from "./model.ts";

/**
 * Server-side scoring: CVSS scores from the vectors (a client's score is never read) and the SSVC
 * coordinator-triage outcome (CERT/CC: Decline, Track, Coordinate) from its decision point values.
 */

const VERSION_RANK: Record<string, number> = { "3.1": 1, "4.0": 2 };

/** Scores of validated vectors, in the order given; the vectors are re-emitted in canonical form. */
export function scoreVectors(vectors: readonly string[]): CvssScore[] {
  return vectors.map((vector) => {
    const parsed = parseCvss(vector);
    if (!parsed.ok)
      throw new AppError("validation", `cvss: ${parsed.error.message}`, [
        { field: "cvss", message: parsed.error.message },
      ]);
    const scores = scoreCvss(parsed.value);
    return {
      vector: emitCvss(parsed.value),
      version: parsed.value.version,
      score: scores.score,
      severity: scores.severity,
    };
  });
}

/** The headline score: the newest CVSS version's (4.0 over 3.1); null without vectors. */
export function headlineCvss(scores: readonly CvssScore[]): number | null {
  let best: CvssScore | null = null;
  for (const s of scores)
    if (best === null || (VERSION_RANK[s.version] ?? 0) > (VERSION_RANK[best.version] ?? 0)) best = s;
  return best?.score ?? null;
}

const TRIAGE_TABLE = SSVC_TABLE_IDS.coordinatorTriage;
/** Queue order of the triage outcomes: Coordinate first, then Track, then Decline, then undecided. */
const TRIAGE_RANK: Record<string, number> = { C: 3, T: 2, D: 1 };

/**
 * Evaluates the coordinator-triage table. Missing inputs that another built-in table derives
 * (Utility from Automatable and Value Density) are derived; anything else missing or unknown is a
 * validation error naming `field`.
 */
export function triageOutcome(inputs: Readonly<Record<string, string>>, field: string): SsvcResult {
  const table = builtinDecisionTable(TRIAGE_TABLE);
  // Bare keys (SC) are resolved against this table's own inputs: other tables reuse some keys.
  const byKey = new Map(table.inputs.map((point) => [point.key, decisionPointId(point)]));
  const qualified = Object.fromEntries(Object.entries(inputs).map(([key, value]) => [byKey.get(key) ?? key, value]));
  const result = evaluateDecisionTable(table, qualified, { derive: builtinDecisionTables() });
  if (!result.ok) {
    const where = result.error.path ? `${field}.${result.error.path}` : field;
    throw new AppError("validation", `${where}: ${result.error.message}`, [
      { field: where, message: result.error.message },
    ]);
  }
  return {
    table: TRIAGE_TABLE,
    inputs: { ...inputs },
    outcome: result.value.value.key,
    outcomeName: result.value.value.name,
  };
}

export function triageRank(ssvc: SsvcResult | null): number {
  return ssvc === null ? 0 : (TRIAGE_RANK[ssvc.outcome] ?? 0);
}
