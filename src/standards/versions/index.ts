/**
 * Version ordering per ecosystem behind one interface (`VersionScheme`: parse, compare, format), the
 * OSV ecosystem and purl-type mappings, and OSV `affected[]` range evaluation.
 */
export { type AlpineSuffix, type AlpineVersion, alpine, compareAlpine, parseAlpine } from "./alpine.ts";
export { type CranVersion, cran } from "./cran.ts";
export { compareDebian, compareDebianPart, type DebianVersion, debian, parseDebian } from "./debian.ts";
export {
  compareVersions,
  DELEGATING_ECOSYSTEMS,
  type Ecosystem,
  isOrderedEcosystem,
  ORDERED_ECOSYSTEMS,
  type OsvEcosystemName,
  type ResolvedEcosystem,
  resolveEcosystem,
  UNORDERED_ECOSYSTEMS,
  VERSION_SCHEMES,
} from "./ecosystems.ts";
export { type HackageVersion, hackage } from "./hackage.ts";
export { compareMaven, formatMaven, type MavenToken, type MavenVersion, maven, parseMaven } from "./maven.ts";
export { nuget } from "./nuget.ts";
export {
  type CompiledOsvAffected,
  compileOsvAffected,
  evaluateOsvAffected,
  type OsvAffectedInput,
  type OsvEventInput,
  type OsvRangeInput,
  type OsvVerdict,
} from "./osv-ranges.ts";
export { comparePackagist, type PackagistVersion, packagist, parsePackagist } from "./packagist.ts";
export {
  comparePep440,
  formatPep440,
  type Pep440LocalSegment,
  type Pep440Phase,
  type Pep440Version,
  parsePep440,
  pep440,
} from "./pep440.ts";
export { pub } from "./pub.ts";
export { ecosystemForPurl } from "./purl-ecosystems.ts";
export { compareRpm, compareRpmPart, parseRpm, type RpmVersion, rpm } from "./rpm.ts";
export { compareRubyGems, parseRubyGems, type RubyGemsSegment, type RubyGemsVersion, rubygems } from "./rubygems.ts";
export {
  compareText,
  type Ordering,
  type VersionError,
  type VersionErrorCode,
  type VersionScheme,
} from "./scheme.ts";
export {
  compareIdentifiers,
  compareSemver,
  formatSemver,
  readSemver,
  type SemverIdentifier,
  type SemverReadOptions,
  type SemverVersion,
  semver,
} from "./semver.ts";
