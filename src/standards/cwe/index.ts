/** CWE: identifier syntax, MITRE's CSV export format and the embedded view-1000 catalogue. */
export {
  CWE_CATALOGUE_VERSION,
  type CweEntry,
  cweAncestors,
  cweEntries,
  cweEntry,
  cweLabel,
  cweName,
} from "./catalogue.ts";
export {
  CWE_ABSTRACTIONS,
  CWE_STATUSES,
  type CweAbstraction,
  type CweRecord,
  type CweRelation,
  type CweStatus,
  cweParentsInView,
  parseCweCsv,
  parseRelatedWeaknesses,
} from "./cwe-csv.ts";
export { type CweId, type CweIdParseOptions, cweNumber, parseCweId, toCweId } from "./cwe-id.ts";
