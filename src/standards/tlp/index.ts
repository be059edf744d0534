/** Traffic Light Protocol 2.0: labels, ordering, parsing and the CSAF 2.0 (TLP 1.0) mapping. */
export {
  AMBER_STRICT_NOTE,
  CSAF_TLP_LABELS,
  CSAF_TLP_URL,
  type CsafTlpLabel,
  type CsafTlpMapping,
  fromCsafTlp,
  toCsafTlp,
} from "./csaf-tlp.ts";
export {
  compareTlp,
  formatTlp,
  isCanonicalTlp,
  isMoreRestrictive,
  mostRestrictiveTlp,
  parseTlp,
  TLP_LABELS,
  type TlpLabel,
  type TlpParseOptions,
  tlpRank,
} from "./tlp.ts";
