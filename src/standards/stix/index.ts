/** STIX 2.1: advisory bundles, deterministic identifiers, TLP markings and schema validation. */
export {
  buildAdvisoryBundle,
  type StixAdvisoryInput,
  type StixBundle,
  type StixProducer,
  type StixReferenceInput,
} from "./advisory-bundle.ts";
export { canonicalJson, isStixId, randomStixId, STIX_SCO_NAMESPACE, scoId, uuidV5 } from "./identifiers.ts";
export { isCpe23, type StixAffectedProduct, softwareObject } from "./software.ts";
export {
  isPredefinedMarking,
  type StixTlpMarking,
  type StixTlpVersion,
  stixTlp1Definition,
  stixTlpMarking,
  TLP1_MARKING_IDS,
  TLP2_EXTENSION_ID,
  TLP2_MARKING_IDS,
  tlpFromMarkingId,
} from "./tlp-markings.ts";
export { type StixBundleValidationOptions, validateStixBundle, validateStixObject } from "./validate.ts";
