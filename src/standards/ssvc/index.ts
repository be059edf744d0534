/**
 * SSVC (Stakeholder-Specific Vulnerability Categorization): decision points, decision tables,
 * evaluation, the built-in CERT/CC and CISA tables, and selection lists.
 */
export {
  type BuiltinTableId,
  builtinDecisionPoint,
  builtinDecisionPoints,
  builtinDecisionTable,
  builtinDecisionTables,
  SSVC_TABLE_IDS,
} from "./builtin.ts";
export {
  compareValues,
  type DecisionPoint,
  type DecisionPointRef,
  type DecisionPointValue,
  decisionPointId,
  emitDecisionPoint,
  findValue,
  isSsvcKey,
  isSsvcVersion,
  parseDecisionPoint,
  parseDecisionPointId,
  SSVC_SCHEMA_VERSION,
  valueIndex,
} from "./decision-point.ts";
export { type DecisionTable, decisionTableId, emitDecisionTable, parseDecisionTable } from "./decision-table.ts";
export {
  type DecisionOutcome,
  type EvaluateOptions,
  evaluateDecisionTable,
  possibleOutcomes,
  type SelectedValue,
  type SsvcInputs,
} from "./evaluate.ts";
export { parseSsvcNamespace, REGISTERED_NAMESPACES, type SsvcNamespace } from "./namespace.ts";
export {
  emitSelectionList,
  parseSelectionList,
  type SelectedValueRef,
  type Selection,
  type SelectionList,
  type SelectionListOptions,
  type SsvcReference,
  selectionInputs,
  selectionListFromOutcome,
} from "./selection-list.ts";
export { type DecisionTableCsvRow, parseDecisionTableCsv } from "./table-csv.ts";
