/** The compact form the generated built-in tables are stored in. */
export interface CompactDecisionTable {
  name: string;
  definition: string;
  /** Input decision point ids, in column order. */
  inputs: readonly string[];
  /** Outcome decision point id. */
  outcome: string;
  /** One string per row: the input value keys then the outcome value key, separated by spaces. */
  rows: readonly string[];
}
