/** CVE JSON 5.x: record types, reader and stable writer, schema validation, and a record builder. */
export { buildCveRecord, type CveAffectedInput, type CveRecordInput } from "./cve-build.ts";
export { emitCveJson, parseCveJson, parseCveValue } from "./cve-parse.ts";
export {
  type AdpContainer,
  type CnaPublishedContainer,
  type CnaRejectedContainer,
  CVE_DATA_VERSION,
  CVE_FIELD_ORDER,
  type CveCredit,
  type CveCvss,
  type CveDescription,
  type CveImpact,
  type CveMetadataPublished,
  type CveMetadataRejected,
  type CveMetric,
  type CveProblemType,
  type CveProduct,
  type CveProviderMetadata,
  type CvePublishedRecord,
  type CveRecord,
  type CveReference,
  type CveRejectedRecord,
  type CveTimelineEvent,
  type CveVersion,
  type CveVersionStatus,
} from "./cve-types.ts";
export { type CveContainerKind, validateCveContainer, validateCveRecord } from "./cve-validate.ts";
