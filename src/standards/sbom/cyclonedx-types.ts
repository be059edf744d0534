/**
 * CycloneDX 1.4–1.6 BOM types: the members aicc reads and writes (components, dependencies,
 * vulnerabilities with VEX analysis), with wire names. Everything else the specification defines
 * is carried through untyped by the index signatures.
 */
import type { JsonValue } from "../json/index.ts";

/** CycloneDX versions this library reads. */
export const CYCLONEDX_SPEC_VERSIONS = ["1.4", "1.5", "1.6"] as const;
/** A supported CycloneDX version. */
export type CycloneDxSpecVersion = (typeof CYCLONEDX_SPEC_VERSIONS)[number];

/** A CycloneDX BOM (JSON form; XML is read into the same shape). */
export interface CycloneDxBom {
  /** Always `CycloneDX`. */
  bomFormat: "CycloneDX";
  /** `1.4`, `1.5` or `1.6`. */
  specVersion: string;
  /** `urn:uuid:…`, the same for every version of one BOM. */
  serialNumber?: string;
  /** Revision of this BOM, from 1. */
  version?: number;
  /** Who made the BOM, when, and about what. */
  metadata?: CycloneDxMetadata;
  /** The inventory. */
  components?: CycloneDxComponent[];
  /** Services (APIs) in the inventory. */
  services?: CycloneDxObject[];
  /** Dependency graph by `bom-ref`. */
  dependencies?: CycloneDxDependency[];
  /** Vulnerabilities and their VEX analysis. */
  vulnerabilities?: CycloneDxVulnerability[];
  /** Other members (compositions, formulation, annotations, signature, …). */
  [member: string]: unknown;
}

/** Any CycloneDX object this library does not model. */
export interface CycloneDxObject {
  [member: string]: unknown;
}

/** BOM metadata. */
export interface CycloneDxMetadata {
  /** RFC 3339 creation time. */
  timestamp?: string;
  /** The subject of the BOM. */
  component?: CycloneDxComponent;
  /** Who supplied the subject. */
  supplier?: CycloneDxOrganization;
  /** Tools: an array (1.4 style) or `{ components, services }` (1.5+). */
  tools?: JsonValue;
  /** Other members (authors, manufacturer, lifecycles, licenses, properties, …). */
  [member: string]: unknown;
}

/** An organisation (supplier, manufacturer, publisher of a source). */
export interface CycloneDxOrganization {
  /** Name. */
  name?: string;
  /** Web sites. */
  url?: string[];
  /** People to contact. */
  contact?: { name?: string; email?: string; phone?: string }[];
  /** Other members. */
  [member: string]: unknown;
}

/** A component: library, application, container, firmware, … */
export interface CycloneDxComponent {
  /** `library`, `application`, `framework`, `container`, `operating-system`, `device`, `firmware`, `file`, … */
  type: string;
  /** Identifier unique within the BOM, the target of dependency and VEX references. */
  "bom-ref"?: string;
  /** Who supplied it. */
  supplier?: CycloneDxOrganization;
  /** Group / namespace (Maven groupId, npm scope, …). */
  group?: string;
  /** Name. */
  name: string;
  /** Version. */
  version?: string;
  /** Description. */
  description?: string;
  /** `required`, `optional` or `excluded`. */
  scope?: string;
  /** Hashes of the component's artefact. */
  hashes?: CycloneDxHash[];
  /** Licences (each `{ license: { id | name } }` or `{ expression }`). */
  licenses?: JsonValue[];
  /** CPE 2.2 or 2.3 name. */
  cpe?: string;
  /** Package URL. */
  purl?: string;
  /** Sub-components. */
  components?: CycloneDxComponent[];
  /** Other members (author, publisher, pedigree, externalReferences, properties, evidence, …). */
  [member: string]: unknown;
}

/** A hash of an artefact. */
export interface CycloneDxHash {
  /** `MD5`, `SHA-1`, `SHA-256`, `SHA-384`, `SHA-512`, `SHA3-256`, `BLAKE2b-256`, … */
  alg: string;
  /** Hex digest. */
  content: string;
}

/** One node of the dependency graph. */
export interface CycloneDxDependency {
  /** `bom-ref` of the dependent. */
  ref: string;
  /** `bom-ref`s it depends on. */
  dependsOn?: string[];
  /** Other members (1.6 `provides`). */
  [member: string]: unknown;
}

/** A vulnerability, with its VEX analysis and what it affects. */
export interface CycloneDxVulnerability {
  /** Identifier unique within the BOM. */
  "bom-ref"?: string;
  /** `CVE-…`, `GHSA-…`, … */
  id?: string;
  /** Database the id comes from. */
  source?: { name?: string; url?: string };
  /** Same vulnerability elsewhere. */
  references?: { id: string; source: { name?: string; url?: string } }[];
  /** Scores. */
  ratings?: CycloneDxRating[];
  /** CWE numbers (without the `CWE-` prefix). */
  cwes?: number[];
  /** Description. */
  description?: string;
  /** Details. */
  detail?: string;
  /** Recommended action. */
  recommendation?: string;
  /** Advisories. */
  advisories?: { title?: string; url: string }[];
  /** Timestamps. */
  created?: string;
  /** Timestamps. */
  published?: string;
  /** Timestamps. */
  updated?: string;
  /** The VEX analysis. */
  analysis?: CycloneDxAnalysis;
  /** Affected components by `bom-ref` (or BOM-Link), with version statuses. */
  affects?: CycloneDxAffects[];
  /** Other members (credits, tools, proofOfConcept, properties, …). */
  [member: string]: unknown;
}

/** A severity rating. */
export interface CycloneDxRating {
  /** Who rated. */
  source?: { name?: string; url?: string };
  /** Numeric score. */
  score?: number;
  /** `critical`, `high`, `medium`, `low`, `info`, `none`, `unknown`. */
  severity?: string;
  /** `CVSSv2`, `CVSSv3`, `CVSSv31`, `CVSSv4`, `OWASP`, `SSVC`, `other`. */
  method?: string;
  /** The vector. */
  vector?: string;
  /** Why this rating. */
  justification?: string;
}

/** VEX impact analysis states. */
export const VEX_STATES = [
  "resolved",
  "resolved_with_pedigree",
  "exploitable",
  "in_triage",
  "false_positive",
  "not_affected",
] as const;
/** A VEX impact analysis state. */
export type VexState = (typeof VEX_STATES)[number];

/** Why a component is `not_affected`. */
export const VEX_JUSTIFICATIONS = [
  "code_not_present",
  "code_not_reachable",
  "requires_configuration",
  "requires_dependency",
  "requires_environment",
  "protected_by_compiler",
  "protected_at_runtime",
  "protected_at_perimeter",
  "protected_by_mitigating_control",
] as const;
/** A VEX justification. */
export type VexJustification = (typeof VEX_JUSTIFICATIONS)[number];

/** What the vendor does or will do about it. */
export const VEX_RESPONSES = ["can_not_fix", "will_not_fix", "update", "rollback", "workaround_available"] as const;
/** A VEX response. */
export type VexResponse = (typeof VEX_RESPONSES)[number];

/** A vulnerability's impact analysis. */
export interface CycloneDxAnalysis {
  /** Impact state. */
  state?: VexState;
  /** Why not affected. */
  justification?: VexJustification;
  /** Responses. */
  response?: VexResponse[];
  /** Prose detail (the impact statement). */
  detail?: string;
  /** When the analysis was first issued. */
  firstIssued?: string;
  /** When it last changed. */
  lastUpdated?: string;
}

/** Status of a version against a vulnerability. */
export type CycloneDxAffectedStatus = "affected" | "unaffected" | "unknown";

/** A component a vulnerability affects, with per-version status. */
export interface CycloneDxAffects {
  /** `bom-ref` in this BOM, or a BOM-Link (`urn:cdx:serial/version#bom-ref`). */
  ref: string;
  /** Versions or vers ranges, each with a status. */
  versions?: { version?: string; range?: string; status?: CycloneDxAffectedStatus }[];
}

/** Field order for emitting BOMs the way the specification's examples read. */
export const CYCLONEDX_FIELD_ORDER: readonly string[] = [
  "$schema",
  "bomFormat",
  "specVersion",
  "serialNumber",
  "timestamp",
  "tools",
  "type",
  "bom-ref",
  "supplier",
  "author",
  "publisher",
  "group",
  "name",
  "version",
  "metadata",
  "description",
  "scope",
  "hashes",
  "alg",
  "content",
  "licenses",
  "cpe",
  "purl",
  "id",
  "source",
  "url",
  "references",
  "ratings",
  "score",
  "severity",
  "method",
  "vector",
  "justification",
  "cwes",
  "detail",
  "recommendation",
  "advisories",
  "created",
  "published",
  "updated",
  "analysis",
  "state",
  "response",
  "firstIssued",
  "lastUpdated",
  "affects",
  "ref",
  "versions",
  "range",
  "status",
  "component",
  "components",
  "services",
  "externalReferences",
  "dependencies",
  "dependsOn",
  "vulnerabilities",
  "properties",
];
