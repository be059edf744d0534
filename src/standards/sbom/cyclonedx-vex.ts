/**
 * CycloneDX VEX: read the vulnerability statements of a BOM (each with its impact analysis and
 * the components it affects) and write a VEX BOM from statements.
 */
import type { JsonObject } from "../json/index.ts";
import { fail, type Result } from "../result.ts";
import { extractCycloneDxComponents, type SbomComponent } from "./components.ts";
import { parseCycloneDxValue } from "./cyclonedx-json.ts";
import type {
  CycloneDxAffectedStatus,
  CycloneDxBom,
  CycloneDxComponent,
  CycloneDxSpecVersion,
  CycloneDxVulnerability,
  VexJustification,
  VexResponse,
  VexState,
} from "./cyclonedx-types.ts";

/** One vulnerability's VEX statement. */
export interface VexStatement {
  /** Vulnerability id (`CVE-…`, `GHSA-…`). */
  id?: string;
  /** The vulnerability's `bom-ref`, when it has one. */
  bomRef?: string;
  /** Database the id comes from. */
  source?: { name?: string; url?: string };
  /** Impact state; absent when the BOM gives no analysis. */
  state?: VexState;
  /** Why not affected (only with `not_affected`). */
  justification?: VexJustification;
  /** What the vendor does about it. */
  responses: VexResponse[];
  /** Impact statement / detail. */
  detail?: string;
  /** When the analysis was first issued. */
  firstIssued?: string;
  /** When it last changed. */
  lastUpdated?: string;
  /** Components the statement is about. */
  affects: VexTarget[];
}

/** A component a statement is about, with per-version status. */
export interface VexTarget {
  /** `bom-ref` in the BOM, or a BOM-Link into another BOM. */
  ref: string;
  /** Versions or vers ranges with their status (`affected` when the BOM leaves it out). */
  versions: { version?: string; range?: string; status: CycloneDxAffectedStatus }[];
  /** The component `ref` names, when it is in the same BOM. */
  component?: SbomComponent;
}

/** Input of {@link writeCycloneDxVex}. */
export interface CycloneDxVexInput {
  /** The statements; a target's `component` is ignored (components go in `components`). */
  statements: VexStatement[];
  /** Components the statements' refs name, when the VEX carries its own inventory. */
  components?: CycloneDxComponent[];
  /** `urn:uuid:…` of the VEX document. */
  serialNumber?: string;
  /** Revision, from 1 (default 1). */
  version?: number;
  /** RFC 3339 creation time. */
  timestamp?: string;
  /** CycloneDX version to write (default 1.6). */
  specVersion?: CycloneDxSpecVersion;
}

/** The VEX statements of a BOM, one per vulnerability, in document order. */
export function readCycloneDxVex(bom: CycloneDxBom): VexStatement[] {
  const byRef = new Map<string, SbomComponent>();
  for (const component of extractCycloneDxComponents(bom)) {
    if (component.ref !== undefined) byRef.set(component.ref, component);
  }
  return (bom.vulnerabilities ?? []).map((vulnerability) => statement(vulnerability, byRef));
}

function statement(vulnerability: CycloneDxVulnerability, byRef: Map<string, SbomComponent>): VexStatement {
  const analysis = vulnerability.analysis ?? {};
  const out: VexStatement = {
    responses: [...(analysis.response ?? [])],
    affects: (vulnerability.affects ?? []).map((affects) => {
      const target: VexTarget = {
        ref: affects.ref,
        versions: (affects.versions ?? []).map((entry) => ({
          ...(entry.version !== undefined && { version: entry.version }),
          ...(entry.range !== undefined && { range: entry.range }),
          status: entry.status ?? "affected",
        })),
      };
      const component = byRef.get(affects.ref);
      if (component) target.component = component;
      return target;
    }),
  };
  if (vulnerability.id !== undefined) out.id = vulnerability.id;
  if (vulnerability["bom-ref"] !== undefined) out.bomRef = vulnerability["bom-ref"];
  if (vulnerability.source !== undefined) out.source = { ...vulnerability.source };
  if (analysis.state !== undefined) out.state = analysis.state;
  if (analysis.justification !== undefined) out.justification = analysis.justification;
  if (analysis.detail !== undefined) out.detail = analysis.detail;
  if (analysis.firstIssued !== undefined) out.firstIssued = analysis.firstIssued;
  if (analysis.lastUpdated !== undefined) out.lastUpdated = analysis.lastUpdated;
  return out;
}

/**
 * Write a CycloneDX VEX BOM and validate it. Fails with `cyclonedx.vex_justification_mismatch`
 * when a justification accompanies a state other than `not_affected`, or with the BOM's first
 * validation error (path into the written BOM).
 */
export function writeCycloneDxVex(input: CycloneDxVexInput): Result<CycloneDxBom> {
  const vulnerabilities: JsonObject[] = [];
  for (const [i, entry] of input.statements.entries()) {
    if (entry.justification !== undefined && entry.state !== "not_affected") {
      const message = `statement ${i} gives justification "${entry.justification}" with state ${entry.state ?? "absent"}`;
      return fail("cyclonedx.vex_justification_mismatch", message, `/vulnerabilities/${i}/analysis/justification`);
    }
    const analysis: JsonObject = {
      ...(entry.state !== undefined && { state: entry.state }),
      ...(entry.justification !== undefined && { justification: entry.justification }),
      ...(entry.responses.length > 0 && { response: [...entry.responses] }),
      ...(entry.detail !== undefined && { detail: entry.detail }),
      ...(entry.firstIssued !== undefined && { firstIssued: entry.firstIssued }),
      ...(entry.lastUpdated !== undefined && { lastUpdated: entry.lastUpdated }),
    };
    vulnerabilities.push({
      ...(entry.bomRef !== undefined && { "bom-ref": entry.bomRef }),
      ...(entry.id !== undefined && { id: entry.id }),
      ...(entry.source !== undefined && { source: { ...entry.source } }),
      ...(Object.keys(analysis).length > 0 && { analysis }),
      affects: entry.affects.map((target) => ({
        ref: target.ref,
        ...(target.versions.length > 0 && { versions: target.versions.map((version) => ({ ...version })) }),
      })),
    });
  }
  return parseCycloneDxValue({
    bomFormat: "CycloneDX",
    specVersion: input.specVersion ?? "1.6",
    ...(input.serialNumber !== undefined && { serialNumber: input.serialNumber }),
    version: input.version ?? 1,
    ...(input.timestamp !== undefined && { metadata: { timestamp: input.timestamp } }),
    ...(input.components !== undefined && input.components.length > 0 && { components: input.components }),
    vulnerabilities,
  });
}
