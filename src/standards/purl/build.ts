/**
 * Build a normalised Package URL from loose, decoded components (purl-spec "How to build").
 */
import { fail, ok, type Result } from "../result.ts";
import { isWellFormed } from "./encoding.ts";
import type { PackageUrl, PurlComponents } from "./model.ts";
import { finishPurl, isSkippedSubpathSegment, normalizeQualifierKey, normalizeType } from "./normalize.ts";
import { purlTypeRule } from "./types.ts";

const EDGE_SLASHES = /^\/+|\/+$/g;

/** An optional string component: `null`/`undefined` become "", anything else but a string fails. */
function stringComponent(value: unknown, field: string): Result<string> {
  if (value === null || value === undefined) return ok("");
  if (typeof value !== "string") return fail("purl.invalid_component", `The ${field} must be a string.`, field);
  if (!isWellFormed(value)) return fail("purl.invalid_character", `The ${field} is not valid Unicode.`, field);
  return ok(value);
}

function splitPath(value: string): string[] {
  return value.split("/").filter((segment) => segment !== "");
}

function buildQualifiers(value: unknown): Result<Record<string, string>> {
  const qualifiers: Record<string, string> = {};
  if (value === null || value === undefined) return ok(qualifiers);
  if (typeof value !== "object" || Array.isArray(value)) {
    return fail("purl.invalid_component", "The qualifiers must be an object of key/value strings.", "qualifiers");
  }
  for (const [rawKey, entry] of Object.entries(value)) {
    // The spec lets a builder pass checksums as a list, joined with ','.
    const rawValue =
      Array.isArray(entry) && rawKey.toLowerCase() === "checksum" && entry.every((c) => typeof c === "string")
        ? entry.join(",")
        : entry;
    const checked = stringComponent(rawValue, "qualifiers");
    if (!checked.ok) return checked;
    if (checked.value === "") continue;
    const key = normalizeQualifierKey(rawKey);
    if (key === undefined) {
      return fail("purl.invalid_qualifier_key", `Qualifier key '${rawKey}' is not a valid key.`, "qualifiers");
    }
    if (Object.hasOwn(qualifiers, key)) {
      return fail("purl.duplicate_qualifier", `Qualifier '${key}' appears more than once.`, "qualifiers");
    }
    qualifiers[key] = checked.value;
  }
  return ok(qualifiers);
}

/** Validate and normalise decoded components into a Package URL. Never throws. */
export function buildPurl(components: PurlComponents): Result<PackageUrl> {
  if (components === null || typeof components !== "object") {
    return fail("purl.invalid_component", "PURL components must be an object.");
  }
  const rawType = stringComponent(components.type, "type");
  if (!rawType.ok) return rawType;
  const type = normalizeType(rawType.value);
  if (!type.ok) return type;

  const namespace = stringComponent(components.namespace, "namespace");
  if (!namespace.ok) return namespace;
  const name = stringComponent(components.name, "name");
  if (!name.ok) return name;
  const version = stringComponent(components.version, "version");
  if (!version.ok) return version;
  const subpath = stringComponent(components.subpath, "subpath");
  if (!subpath.ok) return subpath;
  const qualifiers = buildQualifiers(components.qualifiers);
  if (!qualifiers.ok) return qualifiers;

  // Leading and trailing slashes of a name are not significant; a path-like name keeps its inner ones.
  const trimmedName = name.value.replace(EDGE_SLASHES, "");
  return finishPurl({
    type: type.value,
    namespace: splitPath(namespace.value),
    name: purlTypeRule(type.value)?.nameIsPath ? splitPath(trimmedName) : [trimmedName],
    version: version.value,
    qualifiers: qualifiers.value,
    subpath: subpath.value.split("/").filter((segment) => !isSkippedSubpathSegment(segment)),
  });
}
