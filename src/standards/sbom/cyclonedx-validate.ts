/**
 * CycloneDX validation: the vendored 1.6 JSON Schema (it accepts 1.4 and 1.5 documents too, as
 * 1.6 only added members), plus the rules the schema cannot state: a supported `specVersion`,
 * unique `bom-ref`s, and references that resolve.
 */
import type { AnySchemaObject } from "ajv";
import { isJsonObject, SchemaValidator } from "../json/index.ts";
import type { StandardsIssue, ValidationReport } from "../result.ts";
import { CYCLONEDX_SPEC_VERSIONS, type CycloneDxBom } from "./cyclonedx-types.ts";
import bomSchema from "./schema/bom-1.6.schema.json" with { type: "json" };
import jsfSchema from "./schema/jsf-0.82.schema.json" with { type: "json" };
import spdxSchema from "./schema/spdx.schema.json" with { type: "json" };

/** Formats the CycloneDX schema names that ajv-formats lacks; checked leniently (shape, not full RFC grammar). */
const extraFormats = {
  "idn-email": (value: string) => /^[^\s@]+@[^\s@]+$/u.test(value),
  "iri-reference": (value: string) => !/[\s<>"{}|\\^`]/u.test(value),
};

const validator = new SchemaValidator(
  "cyclonedx",
  "draft-07",
  [bomSchema, spdxSchema, jsfSchema] as AnySchemaObject[],
  extraFormats,
);

/**
 * Validate a CycloneDX JSON BOM (1.4–1.6). Errors: `cyclonedx.schema_<keyword>`,
 * `cyclonedx.unsupported_spec_version`, `cyclonedx.duplicate_bom_ref`. Warnings: dangling
 * dependency or VEX references, and VEX analyses whose justification does not fit their state.
 */
export function validateCycloneDx(value: unknown): ValidationReport {
  const errors = validator.validate(value);
  const warnings: StandardsIssue[] = [];
  if (isJsonObject(value)) {
    const spec = value.specVersion;
    if (typeof spec === "string" && !(CYCLONEDX_SPEC_VERSIONS as readonly string[]).includes(spec)) {
      const message = `specVersion ${spec} is not supported (expected ${CYCLONEDX_SPEC_VERSIONS.join(", ")})`;
      errors.push({ code: "cyclonedx.unsupported_spec_version", message, path: "/specVersion" });
    }
    if (errors.length === 0) {
      const refs = new Map<string, string>();
      collectBomRefs(value, "", refs, errors);
      warnings.push(...referenceWarnings(value as CycloneDxBom, refs));
    }
  }
  return { valid: errors.length === 0, errors, warnings };
}

/** Every `bom-ref` anywhere in the document must be unique (CycloneDX: "unique within the BOM"). */
function collectBomRefs(node: unknown, path: string, refs: Map<string, string>, errors: StandardsIssue[]): void {
  if (Array.isArray(node)) {
    node.forEach((item, i) => {
      collectBomRefs(item, `${path}/${i}`, refs, errors);
    });
    return;
  }
  if (!isJsonObject(node)) return;
  for (const [key, member] of Object.entries(node)) {
    const memberPath = `${path}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`;
    if (key === "bom-ref" && typeof member === "string") {
      const first = refs.get(member);
      if (first !== undefined) {
        const message = `bom-ref "${member}" is already used at ${first}`;
        errors.push({ code: "cyclonedx.duplicate_bom_ref", message, path: memberPath });
      } else refs.set(member, memberPath);
    } else collectBomRefs(member, memberPath, refs, errors);
  }
}

function referenceWarnings(bom: CycloneDxBom, refs: Map<string, string>): StandardsIssue[] {
  const warnings: StandardsIssue[] = [];
  // BOM-Links point into other BOMs and cannot be resolved here.
  const dangling = (ref: string) => !refs.has(ref) && !ref.startsWith("urn:cdx:");
  (bom.dependencies ?? []).forEach((dependency, i) => {
    if (dangling(dependency.ref)) {
      warnings.push(unknownRef(dependency.ref, `/dependencies/${i}/ref`));
    }
    (dependency.dependsOn ?? []).forEach((ref, j) => {
      if (dangling(ref)) warnings.push(unknownRef(ref, `/dependencies/${i}/dependsOn/${j}`));
    });
  });
  (bom.vulnerabilities ?? []).forEach((vulnerability, i) => {
    (vulnerability.affects ?? []).forEach((affects, j) => {
      if (dangling(affects.ref)) warnings.push(unknownRef(affects.ref, `/vulnerabilities/${i}/affects/${j}/ref`));
    });
    const analysis = vulnerability.analysis;
    const path = `/vulnerabilities/${i}/analysis`;
    if (analysis?.justification !== undefined && analysis.state !== "not_affected") {
      const message = `justification "${analysis.justification}" explains not_affected, but the state is ${analysis.state ?? "absent"}`;
      warnings.push({ code: "cyclonedx.vex_justification_mismatch", message, path: `${path}/justification` });
    }
    if (analysis?.state === "not_affected" && analysis.justification === undefined && analysis.detail === undefined) {
      const message = "a not_affected analysis should give a justification or a detail (impact statement)";
      warnings.push({ code: "cyclonedx.vex_unjustified_not_affected", message, path });
    }
  });
  return warnings;
}

function unknownRef(ref: string, path: string): StandardsIssue {
  return { code: "cyclonedx.unknown_ref", message: `"${ref}" names no bom-ref in this BOM`, path };
}
