/**
 * CSAF 2.0: document types, parse/emit, validation (JSON schema + the mandatory and optional tests of spec
 * section 6), provider metadata, ROLIE feeds and (from ../tlp) the TLP v1 labels CSAF uses.
 */

// The TLP v1 labels CSAF carries, and their TLP 2.0 mapping, live in ../tlp; re-exported for CSAF users.
export { CSAF_TLP_LABELS, CSAF_TLP_URL, type CsafTlpLabel, fromCsafTlp, toCsafTlp } from "../tlp/index.ts";
export type { CsafCheck } from "./checks/index.ts";
export { MANDATORY_CHECKS, OPTIONAL_CHECKS } from "./checks/index.ts";
export { emitCsaf, parseCsaf, parseCsafJson } from "./codec.ts";
export type { CsafCvssVersion } from "./cvss-json.ts";
export type * from "./document-types.ts";
export { csafFilename } from "./filename.ts";
export type * from "./product-tree-types.ts";
export {
  buildProviderMetadata,
  type FeedTlpLabel,
  type OpenPgpKey,
  type ProviderDistribution,
  type ProviderFeed,
  type ProviderMetadata,
  type ProviderMetadataInput,
  type ProviderRole,
  parseProviderMetadata,
  validateProviderMetadata,
} from "./provider-metadata.ts";
export {
  buildRolieEntry,
  buildRolieFeed,
  CSAF_FEED_CATEGORY,
  parseRolieFeed,
  type RolieCategory,
  type RolieEntry,
  type RolieEntryInput,
  type RolieFeedDocument,
  type RolieFeedInput,
  type RolieLink,
  validateRolieFeed,
} from "./rolie.ts";
export { CSAF_SCHEMA_ID, PROVIDER_SCHEMA_ID } from "./schema-validator.ts";
export { type CsafIssue, type CsafValidateOptions, type CsafValidationReport, validateCsaf } from "./validate.ts";
export type * from "./vulnerability-types.ts";
