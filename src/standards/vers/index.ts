/**
 * VERS version ranges (vers-spec): parse (canonical) and normalise, validate, simplify, test
 * membership with each type's version ordering, and convert native ranges (npm, PyPI, RubyGems,
 * NuGet, nginx, OpenSSL, Conan) to vers. Pure functions; errors are `Result`s, never throws.
 */
export type { VersComparator, VersConstraint, VersRange } from "./model.ts";
export { NATIVE_RANGE_READERS, type NativeRangeReader, versFromNative } from "./native/index.ts";
export { normalizeVers, parseVers, versContains } from "./parse.ts";
export {
  type CompiledVers,
  compileVers,
  simplifyVers,
  sortVersConstraints,
  versRangeIssues,
} from "./range.ts";
export type { VersScheme } from "./scheme.ts";
export * as versSchemes from "./schemes/index.ts";
export { encodeVersVersion, formatVers } from "./syntax.ts";
export { VERS_TYPES, type VersTypeRule, versTypeRule } from "./types.ts";
export { validateVers } from "./validate.ts";
