/**
 * SPDX 2.2/2.3 JSON reader with structural validation written from the specification: required
 * document fields, well-formed packages, files and relationships, unique SPDXIDs. (No SPDX JSON
 * schema is vendored; licence expressions are not parsed.)
 */
import { isJsonObject, parseJsonText } from "../json/index.ts";
import { ok, type Result, type StandardsIssue, type ValidationReport } from "../result.ts";
import { SPDX_CHECKSUM_ALGORITHMS, type SpdxDocument } from "./spdx-types.ts";

const SPDX_ID = /^SPDXRef-[A-Za-z0-9.-]+$/;
const EXTERNAL_ELEMENT = /^DocumentRef-[A-Za-z0-9.-]+:SPDXRef-[A-Za-z0-9.-]+$/;
const CREATED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const REFERENCE_CATEGORIES = [
  "SECURITY",
  "PACKAGE-MANAGER",
  "PACKAGE_MANAGER",
  "PERSISTENT-ID",
  "PERSISTENT_ID",
  "OTHER",
];
const PURPOSES = [
  "APPLICATION",
  "FRAMEWORK",
  "LIBRARY",
  "CONTAINER",
  "OPERATING-SYSTEM",
  "DEVICE",
  "FIRMWARE",
  "SOURCE",
  "ARCHIVE",
  "FILE",
  "INSTALL",
  "OTHER",
];

/** Parse SPDX JSON text: `spdx.invalid_json`, or the first error of {@link validateSpdx}. */
export function parseSpdxJson(text: string): Result<SpdxDocument> {
  const parsed = parseJsonText(text, "spdx");
  return parsed.ok ? parseSpdxValue(parsed.value) : parsed;
}

/** Accept an already-decoded value as an SPDX document; the value itself is returned, typed. */
export function parseSpdxValue(value: unknown): Result<SpdxDocument> {
  const [first] = validateSpdx(value).errors;
  return first ? { ok: false, error: first } : ok(value as SpdxDocument);
}

/**
 * Check an SPDX 2.2/2.3 JSON document's structure. Errors: `spdx.not_object`,
 * `spdx.unsupported_version`, `spdx.invalid_field` (missing or malformed member, path names it),
 * `spdx.duplicate_spdxid`. Warnings: `spdx.unknown_element` for relationships to unknown SPDXIDs.
 */
export function validateSpdx(value: unknown): ValidationReport {
  if (!isJsonObject(value)) {
    const error = { code: "spdx.not_object", message: "an SPDX document must be a JSON object", path: "/" };
    return { valid: false, errors: [error], warnings: [] };
  }
  const errors: StandardsIssue[] = [];
  const invalid = (path: string, expected: string) => {
    errors.push({ code: "spdx.invalid_field", message: `${path} must be ${expected}`, path });
  };
  const text = (node: Record<string, unknown>, key: string, path: string, required = true) => {
    const member = node[key];
    if (member === undefined && !required) return;
    if (typeof member !== "string" || member === "") invalid(`${path}/${key}`, "a non-empty string");
  };
  if (typeof value.spdxVersion !== "string" || !/^SPDX-2\.[23]$/.test(value.spdxVersion)) {
    errors.push({
      code: "spdx.unsupported_version",
      message: "spdxVersion must be SPDX-2.3 or SPDX-2.2",
      path: "/spdxVersion",
    });
  }
  if (value.dataLicense !== "CC0-1.0") invalid("/dataLicense", '"CC0-1.0"');
  if (value.SPDXID !== "SPDXRef-DOCUMENT") invalid("/SPDXID", '"SPDXRef-DOCUMENT"');
  text(value, "name", "");
  if (typeof value.documentNamespace !== "string" || !/^[a-z][a-z0-9+.-]*:[^\s#]+$/i.test(value.documentNamespace)) {
    invalid("/documentNamespace", "an absolute URI without a fragment");
  }
  const creation = value.creationInfo;
  if (!isJsonObject(creation)) invalid("/creationInfo", "an object");
  else {
    if (typeof creation.created !== "string" || !CREATED.test(creation.created)) {
      invalid("/creationInfo/created", "a UTC timestamp (YYYY-MM-DDThh:mm:ssZ)");
    }
    const creators = creation.creators;
    if (!Array.isArray(creators) || creators.length === 0) invalid("/creationInfo/creators", "a non-empty array");
    else {
      creators.forEach((creator, i) => {
        if (typeof creator !== "string" || !/^(Person|Organization|Tool): \S/.test(creator)) {
          invalid(`/creationInfo/creators/${i}`, 'a "Person: ", "Organization: " or "Tool: " entry');
        }
      });
    }
  }
  const ids = new Map<string, string>([["SPDXRef-DOCUMENT", "/SPDXID"]]);
  const element = (node: Record<string, unknown>, path: string) => {
    const id = node.SPDXID;
    if (typeof id !== "string" || !SPDX_ID.test(id)) {
      invalid(`${path}/SPDXID`, "an SPDXRef- identifier");
      return;
    }
    const first = ids.get(id);
    if (first !== undefined) {
      errors.push({
        code: "spdx.duplicate_spdxid",
        message: `SPDXID ${id} is already used at ${first}`,
        path: `${path}/SPDXID`,
      });
    } else ids.set(id, `${path}/SPDXID`);
  };
  const checksums = (node: Record<string, unknown>, path: string) => {
    if (node.checksums === undefined) return;
    if (!Array.isArray(node.checksums)) {
      invalid(`${path}/checksums`, "an array");
      return;
    }
    node.checksums.forEach((checksum, i) => {
      const at = `${path}/checksums/${i}`;
      if (!isJsonObject(checksum)) {
        invalid(at, "an object");
        return;
      }
      if (!(SPDX_CHECKSUM_ALGORITHMS as readonly unknown[]).includes(checksum.algorithm))
        invalid(`${at}/algorithm`, "an SPDX checksum algorithm");
      if (typeof checksum.checksumValue !== "string" || !/^[0-9a-fA-F]+$/.test(checksum.checksumValue)) {
        invalid(`${at}/checksumValue`, "a hex digest");
      }
    });
  };
  eachObject(value.packages, "/packages", invalid, (pkg, path) => {
    element(pkg, path);
    text(pkg, "name", path);
    text(pkg, "downloadLocation", path);
    for (const key of ["versionInfo", "supplier", "originator"]) text(pkg, key, path, false);
    if (pkg.filesAnalyzed !== undefined && typeof pkg.filesAnalyzed !== "boolean")
      invalid(`${path}/filesAnalyzed`, "a boolean");
    if (pkg.primaryPackagePurpose !== undefined && !PURPOSES.includes(pkg.primaryPackagePurpose as string)) {
      invalid(`${path}/primaryPackagePurpose`, "an SPDX package purpose");
    }
    checksums(pkg, path);
    eachObject(pkg.externalRefs, `${path}/externalRefs`, invalid, (ref, refPath) => {
      if (!REFERENCE_CATEGORIES.includes(ref.referenceCategory as string))
        invalid(`${refPath}/referenceCategory`, "an SPDX reference category");
      text(ref, "referenceType", refPath);
      text(ref, "referenceLocator", refPath);
    });
  });
  eachObject(value.files, "/files", invalid, (file, path) => {
    element(file, path);
    text(file, "fileName", path);
    checksums(file, path);
  });
  const warnings: StandardsIssue[] = [];
  const known = (id: unknown) =>
    typeof id === "string" && (ids.has(id) || EXTERNAL_ELEMENT.test(id) || id === "NONE" || id === "NOASSERTION");
  eachObject(value.relationships, "/relationships", invalid, (relationship, path) => {
    text(relationship, "spdxElementId", path);
    text(relationship, "relatedSpdxElement", path);
    if (typeof relationship.relationshipType !== "string" || !/^[A-Z_]+$/.test(relationship.relationshipType)) {
      invalid(`${path}/relationshipType`, "an SPDX relationship type");
    }
    for (const key of ["spdxElementId", "relatedSpdxElement"]) {
      if (typeof relationship[key] === "string" && !known(relationship[key])) {
        warnings.push({
          code: "spdx.unknown_element",
          message: `${relationship[key]} names no element of this document`,
          path: `${path}/${key}`,
        });
      }
    }
  });
  if (value.documentDescribes !== undefined && !Array.isArray(value.documentDescribes))
    invalid("/documentDescribes", "an array");
  return { valid: errors.length === 0, errors, warnings };
}

/** Visit each member of an optional array of objects, reporting a non-array or non-object. */
function eachObject(
  value: unknown,
  path: string,
  invalid: (path: string, expected: string) => void,
  visit: (node: Record<string, unknown>, path: string) => void,
): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) {
    invalid(path, "an array");
    return;
  }
  value.forEach((node, i) => {
    if (isJsonObject(node)) visit(node, `${path}/${i}`);
    else invalid(`${path}/${i}`, "an object");
  });
}
