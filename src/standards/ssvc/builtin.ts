/**
 * The built-in SSVC decision tables, embedded so outcomes can be computed without I/O: CERT/CC's
 * coordinator triage, coordinator publish, supplier and deployer trees and their helper tables
 * (human impact, public safety impact, utility), CISA's coordinator tree and BOD 26-04 timelines,
 * and the CVSS v4 equivalence-set tables the SSVC project publishes. Generated from the SSVC
 * project's JSON by scripts/generate-ssvc.ts (licence: ./LICENSE).
 */

import { CISA_TABLES } from "./data/cisa-tables.ts";
import type { CompactDecisionTable } from "./data/compact-table.ts";
import { CVSS_TABLES } from "./data/cvss-tables.ts";
import { DECISION_POINTS } from "./data/decision-points.ts";
import { SSVC_TABLES } from "./data/ssvc-tables.ts";
import { type DecisionPoint, decisionPointId, parseDecisionPointId } from "./decision-point.ts";
import type { DecisionTable } from "./decision-table.ts";

const COMPACT_TABLES = { ...SSVC_TABLES, ...CISA_TABLES, ...CVSS_TABLES };

/** Id (`namespace:key:version`) of a built-in decision table. */
export type BuiltinTableId = keyof typeof COMPACT_TABLES;

/** Ids of the built-in tables the clearinghouse uses by name. */
export const SSVC_TABLE_IDS = {
  /** CERT/CC coordinator triage: Decline, Track, Coordinate. */
  coordinatorTriage: "ssvc:DT_COORD_TRIAGE:1.0.0",
  /** CERT/CC coordinator publication decision: Publish, Do Not Publish. */
  coordinatorPublish: "ssvc:DT_COORD_PUBLISH:1.0.0",
  /** Supplier patch development priority: Defer, Scheduled, Out-of-Cycle, Immediate. */
  supplier: "ssvc:DT_SP:1.0.0",
  /** Deployer patch application priority: Defer, Scheduled, Out-of-Cycle, Immediate. */
  deployer: "ssvc:DT_DP:1.0.0",
  /** CISA coordinator: Track, Track*, Attend, Act. */
  cisaCoordinator: "cisa:DT_CO:2.0.3",
  /** CISA BOD 26-04 remediation timelines. */
  cisaBod2604: "cisa:DT_BOD2604:1.0.0",
  /** Human Impact from Safety Impact and Mission Impact (feeds the deployer table). */
  humanImpact: "ssvc:DT_HI:1.0.0",
  /** Public Safety Impact from Safety Impact (feeds triage and supplier tables). */
  publicSafetyImpact: "ssvc:DT_PSI:1.0.0",
  /** Utility from Automatable and Value Density (feeds triage and supplier tables). */
  utility: "ssvc:DT_U:1.0.0",
} as const satisfies Record<string, BuiltinTableId>;

let points: ReadonlyMap<string, DecisionPoint> | undefined;
const tables = new Map<string, DecisionTable>();

/** Every built-in decision point, keyed by id. */
function pointIndex(): ReadonlyMap<string, DecisionPoint> {
  points ??= new Map(DECISION_POINTS.map((point) => [decisionPointId(point), point]));
  return points;
}

/** Expand a compact table; the generator guarantees its ids resolve. */
function hydrate(id: string, compact: CompactDecisionTable): DecisionTable {
  const ref = parseDecisionPointId(id);
  if (!ref.ok) throw new Error(`built-in table id ${id} is invalid`);
  const point = (pointId: string): DecisionPoint => {
    const found = pointIndex().get(pointId);
    if (!found) throw new Error(`built-in table ${id} names unknown decision point ${pointId}`);
    return found;
  };
  return {
    ...ref.value,
    name: compact.name,
    definition: compact.definition,
    inputs: compact.inputs.map(point),
    outcome: point(compact.outcome),
    rows: compact.rows.map((row) => row.split(" ")),
  };
}

/** A built-in decision table by id; undefined for an id that is not built in. */
export function builtinDecisionTable(id: BuiltinTableId): DecisionTable;
export function builtinDecisionTable(id: string): DecisionTable | undefined;
export function builtinDecisionTable(id: string): DecisionTable | undefined {
  const cached = tables.get(id);
  if (cached) return cached;
  if (!Object.hasOwn(COMPACT_TABLES, id)) return undefined;
  const table = hydrate(id, COMPACT_TABLES[id as BuiltinTableId]);
  tables.set(id, table);
  return table;
}

/** Every built-in decision table. */
export function builtinDecisionTables(): DecisionTable[] {
  return (Object.keys(COMPACT_TABLES) as BuiltinTableId[]).map((id) => builtinDecisionTable(id));
}

/** A built-in decision point by id (`ssvc:E:1.1.0`). */
export function builtinDecisionPoint(id: string): DecisionPoint | undefined {
  return pointIndex().get(id);
}

/** Every built-in decision point, ordered by id. */
export function builtinDecisionPoints(): readonly DecisionPoint[] {
  return DECISION_POINTS;
}
