/**
 * The canonical string form of a Package URL (purl-spec "How to build", ECMA-427 clause 5).
 */
import { ok, type Result } from "../result.ts";
import { percentEncode, percentEncodePath } from "./encoding.ts";
import type { PackageUrl } from "./model.ts";
import { parsePurl } from "./parse.ts";
import { purlTypeRule } from "./types.ts";

/**
 * Format a normalised Package URL (as returned by `parsePurl` or `buildPurl`) canonically:
 * lowercase type, encoded components, qualifiers sorted by key, no empty parts.
 */
export function formatPurl(purl: PackageUrl): string {
  let out = `pkg:${purl.type}/`;
  if (purl.namespace !== undefined) out += `${percentEncodePath(purl.namespace)}/`;
  out += purlTypeRule(purl.type)?.nameIsPath ? percentEncodePath(purl.name) : percentEncode(purl.name);
  if (purl.version !== undefined) out += `@${percentEncode(purl.version)}`;
  if (purl.qualifiers !== undefined) {
    const pairs: string[] = [];
    for (const key of Object.keys(purl.qualifiers).sort()) {
      const value = purl.qualifiers[key];
      if (value) pairs.push(`${key}=${percentEncode(value)}`);
    }
    if (pairs.length > 0) out += `?${pairs.join("&")}`;
  }
  if (purl.subpath !== undefined) out += `#${percentEncodePath(purl.subpath)}`;
  return out;
}

/** Parse a PURL string leniently (see `PurlParseOptions.lenient`) and return its canonical form. */
export function canonicalizePurl(input: string): Result<string> {
  const parsed = parsePurl(input, { lenient: true });
  return parsed.ok ? ok(formatPurl(parsed.value)) : parsed;
}
