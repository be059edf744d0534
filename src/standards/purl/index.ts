/**
 * Package URL (purl-spec / ECMA-427): parse, build, canonical form and validation with the
 * registered type rules. Pure functions; parsers return `Result` and never throw.
 */
export { buildPurl } from "./build.ts";
export { canonicalizePurl, formatPurl } from "./format.ts";
export type { PackageUrl, PurlComponents } from "./model.ts";
export { type PurlParseOptions, parsePurl } from "./parse.ts";
export { PURL_TYPES, type PurlTypeRule, purlTypeRule } from "./types.ts";
export { validatePurl } from "./validate.ts";
