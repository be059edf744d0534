/**
 * Conversion of a GitHub Security Advisory (the GraphQL `SecurityAdvisory` shape, with its
 * `vulnerabilities.nodes`) to OSV, following the OSV project's reference GHSA converter so that
 * its published test pairs come out identical.
 */
import semver from "semver";
import { isJsonObject, type JsonObject, type JsonValue } from "../json/index.ts";
import { fail, ok, type Result } from "../result.ts";
import type { OsvAffected, OsvEvent, OsvRangeType, OsvReference, OsvVulnerability } from "./osv-types.ts";

/** GitHub's `SecurityAdvisoryEcosystem` names and the OSV ecosystem each one is. */
export const GHSA_ECOSYSTEMS: Readonly<Record<string, string>> = {
  ACTIONS: "GitHub Actions",
  COMPOSER: "Packagist",
  ERLANG: "Hex",
  GO: "Go",
  MAVEN: "Maven",
  NPM: "npm",
  NUGET: "NuGet",
  PIP: "PyPI",
  PUB: "Pub",
  RUBYGEMS: "RubyGems",
  RUST: "crates.io",
  SWIFT: "SwiftURL",
};

/** Ecosystems whose ranges the reference converter types SEMVER; the rest are ECOSYSTEM. */
const SEMVER_ECOSYSTEMS = new Set(["npm", "Go"]);

/**
 * Schema version written by default: the converter emits only fields OSV 1.5.0 already had, and
 * the reference converter's published output says 1.5.0.
 */
const DEFAULT_SCHEMA_VERSION = "1.5.0";

/** A GitHub advisory as the GraphQL API returns it (the fields the conversion reads). */
export interface GhsaAdvisory {
  /** `GHSA-xxxx-xxxx-xxxx`. */
  ghsaId: string;
  /** Every identifier, the GHSA id included (`{ type: "CVE", value: "CVE-..." }`). */
  identifiers: { type?: string; value: string }[];
  /** Links. */
  references: { url: string }[];
  /** Markdown description. */
  description: string;
  /** One-line summary. */
  summary: string;
  /** `https://github.com/advisories/GHSA-...`. */
  permalink: string;
  /** ISO 8601 publication time. */
  publishedAt: string;
  /** ISO 8601 time of the last change. */
  updatedAt: string;
  /** ISO 8601 withdrawal time, or null. */
  withdrawnAt?: string | null;
  /** CWE nodes, copied into each affected package's `database_specific.cwes`. */
  cwes?: { nodes: JsonValue[] };
  /** Vulnerable package version ranges. */
  vulnerabilities: { nodes: GhsaVulnerability[] };
}

/** One `SecurityVulnerability` node: a package, its vulnerable range and first fixed version. */
export interface GhsaVulnerability {
  /** Package in GitHub's ecosystem naming. */
  package: { ecosystem: string; name: string };
  /** Comma-separated comparisons: `= 1.0`, `< 2.0`, `>= 1.0, < 1.4`, `> 2.1.0, <= 3.0`. */
  vulnerableVersionRange: string;
  /** First patched version, or null when none is known. */
  firstPatchedVersion?: { identifier: string } | null;
}

/** Options for {@link ghsaToOsv}. */
export interface GhsaToOsvOptions {
  /** `schema_version` to write; defaults to 1.5.0, the oldest version that has every emitted field. */
  schemaVersion?: string;
}

interface Bound {
  operator: "=" | ">=" | ">" | "<=" | "<";
  version: string;
}

/**
 * Convert a GitHub advisory to OSV. Vulnerabilities are grouped per package (PyPI names
 * normalised per PEP 503); each package gets one range whose events follow GitHub's comparisons:
 * `>= v` introduces at v, `> v` at the next version after v, `< v` fixes at v, `<= v` fixes at the
 * first patched version if any, a range without lower bound introduces at `0`, and `= v` without a
 * patch lists v in `versions`. Fails with `osv.ghsa_*` codes on input it cannot read.
 */
export function ghsaToOsv(ghsa: unknown, options: GhsaToOsvOptions = {}): Result<OsvVulnerability> {
  const checked = checkAdvisory(ghsa);
  if (!checked.ok) return checked;
  const advisory = checked.value;
  const affected = affectedPackages(advisory);
  if (!affected.ok) return affected;
  const osv: OsvVulnerability = {
    schema_version: options.schemaVersion ?? DEFAULT_SCHEMA_VERSION,
    id: advisory.ghsaId,
    aliases: advisory.identifiers.map((identifier) => identifier.value).filter((value) => value !== advisory.ghsaId),
    published: advisory.publishedAt,
    modified: advisory.updatedAt,
  };
  if (advisory.withdrawnAt) osv.withdrawn = advisory.withdrawnAt;
  osv.summary = advisory.summary;
  osv.details = advisory.description;
  osv.references = advisory.references.map(convertReference);
  osv.affected = affected.value;
  return ok(osv);
}

function convertReference(reference: { url: string }): OsvReference {
  const advisory =
    reference.url.includes("github.com/advisories/") || reference.url.includes("nvd.nist.gov/vuln/detail/");
  return { type: advisory ? "ADVISORY" : "WEB", url: reference.url };
}

function affectedPackages(advisory: GhsaAdvisory): Result<OsvAffected[]> {
  const groups = new Map<string, { ecosystem: string; name: string; nodes: [GhsaVulnerability, number][] }>();
  for (const [index, node] of advisory.vulnerabilities.nodes.entries()) {
    const ecosystem = GHSA_ECOSYSTEMS[node.package.ecosystem];
    if (ecosystem === undefined) {
      const path = `/vulnerabilities/nodes/${index}/package/ecosystem`;
      return fail("osv.ghsa_unknown_ecosystem", `unknown GitHub ecosystem "${node.package.ecosystem}"`, path);
    }
    const name = ecosystem === "PyPI" ? node.package.name.replace(/[-_.]+/g, "-").toLowerCase() : node.package.name;
    const key = `${ecosystem}\u0000${name}`;
    const group = groups.get(key) ?? { ecosystem, name, nodes: [] };
    group.nodes.push([node, index]);
    groups.set(key, group);
  }
  const cwes = advisory.cwes?.nodes ?? [];
  const affected: OsvAffected[] = [];
  for (const group of groups.values()) {
    const events: OsvEvent[] = [];
    const versions: string[] = [];
    let affectsAllPrior = false;
    for (const [node, index] of group.nodes) {
      const path = `/vulnerabilities/nodes/${index}/vulnerableVersionRange`;
      const bounds = parseGhsaRange(node.vulnerableVersionRange, path);
      if (!bounds.ok) return bounds;
      const patched = node.firstPatchedVersion?.identifier || undefined;
      const { exact, lower, upper } = bounds.value;
      if (exact) {
        if (patched) events.push({ introduced: exact.version }, { fixed: patched });
        else versions.push(exact.version);
        continue;
      }
      if (!lower) affectsAllPrior = true;
      else if (lower.operator === ">=") events.push({ introduced: lower.version });
      else {
        const next = versionAfter(lower.version, group.ecosystem);
        if (next === undefined) {
          return fail(
            "osv.ghsa_unsupported_range",
            `cannot name the first ${group.ecosystem} version after "${lower.version}"`,
            path,
          );
        }
        events.push({ introduced: next });
      }
      // OSV has no inclusive upper bound short of last_affected; like the reference converter we
      // fix `<= v` at the first patched version and otherwise leave the range open.
      if (upper?.operator === "<") events.push({ fixed: upper.version });
      else if (patched) events.push({ fixed: patched });
    }
    if (affectsAllPrior) events.unshift({ introduced: "0" });
    const rangeType: OsvRangeType = SEMVER_ECOSYSTEMS.has(group.ecosystem) ? "SEMVER" : "ECOSYSTEM";
    const databaseSpecific: JsonObject = { ghsa: advisory.permalink, cwes };
    affected.push({
      package: { ecosystem: group.ecosystem, name: group.name },
      ranges: events.length > 0 ? [{ type: rangeType, events }] : [],
      versions,
      database_specific: databaseSpecific,
    });
  }
  return ok(affected);
}

/** Split `>= 1.0, < 1.4` into its bounds; at most one lower and one upper, or one exact. */
function parseGhsaRange(
  range: string,
  path: string,
): Result<{ exact?: Bound | undefined; lower?: Bound | undefined; upper?: Bound | undefined }> {
  const out: { exact?: Bound; lower?: Bound; upper?: Bound } = {};
  for (const part of range.split(",")) {
    const match = /^\s*(>=|<=|=|>|<)\s*(\S+)\s*$/.exec(part);
    if (!match) return fail("osv.ghsa_bad_range", `cannot read version range "${range}"`, path);
    const bound = { operator: match[1] as Bound["operator"], version: match[2] as string };
    const slot = bound.operator === "=" ? "exact" : bound.operator.startsWith(">") ? "lower" : "upper";
    if (out[slot]) return fail("osv.ghsa_bad_range", `version range "${range}" has two ${slot} bounds`, path);
    out[slot] = bound;
  }
  if (out.exact && (out.lower || out.upper)) {
    return fail("osv.ghsa_bad_range", `version range "${range}" mixes = with other bounds`, path);
  }
  return ok(out);
}

/**
 * The least version above `version`, since OSV ranges can only start inclusively. SemVer: the
 * first pre-release of the next patch (`2.1.0` -> `2.1.1-0`) or the next pre-release. Dotted
 * numeric versions elsewhere: one more component (`11.6` -> `11.6.1`), which skips no release.
 */
function versionAfter(version: string, ecosystem: string): string | undefined {
  if (SEMVER_ECOSYSTEMS.has(ecosystem)) {
    const parsed = semver.parse(version);
    if (!parsed) return undefined;
    return semver.inc(parsed, parsed.prerelease.length > 0 ? "prerelease" : "prepatch") ?? undefined;
  }
  return /^\d+(\.\d+)*$/.test(version) ? `${version}.1` : undefined;
}

/** Check the advisory's shape so the conversion can read it without guarding every member. */
function checkAdvisory(value: unknown): Result<GhsaAdvisory> {
  if (!isJsonObject(value)) return fail("osv.ghsa_not_object", "a GitHub advisory must be a JSON object", "/");
  for (const key of ["ghsaId", "description", "summary", "permalink", "publishedAt", "updatedAt"]) {
    if (typeof value[key] !== "string") return missing(`/${key}`, "a string");
  }
  if (value.withdrawnAt !== undefined && value.withdrawnAt !== null && typeof value.withdrawnAt !== "string") {
    return missing("/withdrawnAt", "a string or null");
  }
  const identifiers = value.identifiers;
  if (!Array.isArray(identifiers)) return missing("/identifiers", "an array");
  for (const [i, identifier] of identifiers.entries()) {
    if (!isJsonObject(identifier) || typeof identifier.value !== "string")
      return missing(`/identifiers/${i}/value`, "a string");
  }
  const references = value.references;
  if (!Array.isArray(references)) return missing("/references", "an array");
  for (const [i, reference] of references.entries()) {
    if (!isJsonObject(reference) || typeof reference.url !== "string")
      return missing(`/references/${i}/url`, "a string");
  }
  if (value.cwes !== undefined && !(isJsonObject(value.cwes) && Array.isArray(value.cwes.nodes))) {
    return missing("/cwes/nodes", "an array");
  }
  const vulnerabilities = value.vulnerabilities;
  if (!isJsonObject(vulnerabilities) || !Array.isArray(vulnerabilities.nodes)) {
    return missing("/vulnerabilities/nodes", "an array");
  }
  for (const [i, node] of vulnerabilities.nodes.entries()) {
    const path = `/vulnerabilities/nodes/${i}`;
    if (!isJsonObject(node)) return missing(path, "an object");
    const pkg = node.package;
    if (!isJsonObject(pkg) || typeof pkg.ecosystem !== "string" || typeof pkg.name !== "string") {
      return missing(`${path}/package`, "an object with string ecosystem and name");
    }
    if (typeof node.vulnerableVersionRange !== "string") return missing(`${path}/vulnerableVersionRange`, "a string");
    const patched = node.firstPatchedVersion;
    if (
      patched !== undefined &&
      patched !== null &&
      !(isJsonObject(patched) && typeof patched.identifier === "string")
    ) {
      return missing(`${path}/firstPatchedVersion/identifier`, "a string");
    }
  }
  return ok(value as unknown as GhsaAdvisory);
}

function missing(path: string, expected: string): Result<never> {
  return fail("osv.ghsa_invalid_field", `${path} must be ${expected}`, path);
}
