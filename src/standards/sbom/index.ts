/**
 * SBOMs: CycloneDX 1.4–1.6 (JSON read/validate/write, XML read, VEX read/write), SPDX 2.2/2.3 JSON
 * read, and extraction of components into one `SbomComponent` shape.
 */
export { extractCycloneDxComponents, extractSpdxComponents, type SbomComponent, type SbomHash } from "./components.ts";
export { emitCycloneDxJson, parseCycloneDxJson, parseCycloneDxValue } from "./cyclonedx-json.ts";
export {
  CYCLONEDX_FIELD_ORDER,
  CYCLONEDX_SPEC_VERSIONS,
  type CycloneDxAffectedStatus,
  type CycloneDxAffects,
  type CycloneDxAnalysis,
  type CycloneDxBom,
  type CycloneDxComponent,
  type CycloneDxDependency,
  type CycloneDxHash,
  type CycloneDxMetadata,
  type CycloneDxObject,
  type CycloneDxOrganization,
  type CycloneDxRating,
  type CycloneDxSpecVersion,
  type CycloneDxVulnerability,
  VEX_JUSTIFICATIONS,
  VEX_RESPONSES,
  VEX_STATES,
  type VexJustification,
  type VexResponse,
  type VexState,
} from "./cyclonedx-types.ts";
export { validateCycloneDx } from "./cyclonedx-validate.ts";
export {
  type CycloneDxVexInput,
  readCycloneDxVex,
  type VexStatement,
  type VexTarget,
  writeCycloneDxVex,
} from "./cyclonedx-vex.ts";
export { parseCycloneDxXml } from "./cyclonedx-xml.ts";
export { parseSpdxJson, parseSpdxValue, validateSpdx } from "./spdx-json.ts";
export {
  SPDX_CHECKSUM_ALGORITHMS,
  type SpdxChecksum,
  type SpdxDocument,
  type SpdxExternalRef,
  type SpdxFile,
  type SpdxPackage,
  type SpdxRelationship,
} from "./spdx-types.ts";
