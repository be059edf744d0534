/**
 * The one place that maps OSV ecosystem names (exact OSV spellings) to version rules. Ecosystems that
 * share rules share a scheme object (Ubuntu uses Debian's, the RPM distributions use RPM's). Names with
 * an OSV suffix (`Debian:12`, `Alpine:v3.18`, `Ubuntu:22.04:LTS`) resolve by the part before the first
 * colon; an unknown name is an error, never a guess.
 */
import { fail, type Result } from "../result.ts";
import { alpine } from "./alpine.ts";
import { cran } from "./cran.ts";
import { debian } from "./debian.ts";
import { hackage } from "./hackage.ts";
import { maven } from "./maven.ts";
import { nuget } from "./nuget.ts";
import { packagist } from "./packagist.ts";
import { pep440 } from "./pep440.ts";
import { pub } from "./pub.ts";
import { rpm } from "./rpm.ts";
import { rubygems } from "./rubygems.ts";
import { compareText, type Ordering, type VersionScheme } from "./scheme.ts";
import { semver } from "./semver.ts";

/** OSV ecosystems whose versions this module orders. */
export const ORDERED_ECOSYSTEMS = [
  "AlmaLinux",
  "Alpaquita",
  "Alpine",
  "Azure Linux",
  "BellSoft Hardened Containers",
  "Bioconductor",
  "Bitnami",
  "Chainguard",
  "CleanStart",
  "ConanCenter",
  "CRAN",
  "crates.io",
  "Debian",
  "Echo",
  "GHC",
  "Go",
  "Hackage",
  "Hex",
  "Julia",
  "Kubernetes",
  "Mageia",
  "Maven",
  "MinimOS",
  "npm",
  "NuGet",
  "opam",
  "openEuler",
  "openSUSE",
  "Packagist",
  "Photon OS",
  "Pub",
  "PyPI",
  "Red Hat",
  "Rocky Linux",
  "RubyGems",
  "SUSE",
  "SwiftURL",
  "Ubuntu",
  "VSCode",
  "Wolfi",
] as const;

/** An OSV ecosystem with a version order. */
export type Ecosystem = (typeof ORDERED_ECOSYSTEMS)[number];

/** OSV ecosystems whose versions follow the ecosystem named in their suffix (`Root:Alpine:3.18`, `TuxCare:npm`). */
export const DELEGATING_ECOSYSTEMS = ["Docker Hardened Images", "Root", "TuxCare"] as const;

/**
 * OSV ecosystems with no version order here: versions are commits or tags (Android, GIT, GitHub Actions,
 * Linux, OSS-Fuzz), or follow rules not implemented yet (FreeBSD's pkg ordering). Their OSV entries are
 * evaluated through the explicit `versions` list.
 */
export const UNORDERED_ECOSYSTEMS = ["Android", "FreeBSD", "GIT", "GitHub Actions", "Linux", "OSS-Fuzz"] as const;

/** Every ecosystem name the OSV schema defines (plus GIT), without suffix. */
export type OsvEcosystemName =
  | Ecosystem
  | (typeof DELEGATING_ECOSYSTEMS)[number]
  | (typeof UNORDERED_ECOSYSTEMS)[number];

/** Version rules per ecosystem; the compiler checks that every ordered ecosystem has one. */
export const VERSION_SCHEMES: Readonly<Record<Ecosystem, VersionScheme>> = {
  AlmaLinux: rpm,
  Alpaquita: alpine,
  Alpine: alpine,
  "Azure Linux": rpm,
  "BellSoft Hardened Containers": alpine,
  Bioconductor: cran,
  Bitnami: semver,
  Chainguard: alpine,
  CleanStart: alpine,
  ConanCenter: semver,
  CRAN: cran,
  "crates.io": semver,
  Debian: debian,
  Echo: debian,
  GHC: hackage,
  Go: semver,
  Hackage: hackage,
  Hex: semver,
  Julia: semver,
  Kubernetes: semver,
  Mageia: rpm,
  Maven: maven,
  MinimOS: alpine,
  npm: semver,
  NuGet: nuget,
  opam: debian,
  openEuler: rpm,
  openSUSE: rpm,
  Packagist: packagist,
  "Photon OS": rpm,
  Pub: pub,
  PyPI: pep440,
  "Red Hat": rpm,
  "Rocky Linux": rpm,
  RubyGems: rubygems,
  SUSE: rpm,
  SwiftURL: semver,
  Ubuntu: debian,
  VSCode: semver,
  Wolfi: alpine,
};

/** An ecosystem string resolved to its version rules. */
export interface ResolvedEcosystem {
  /** The ecosystem whose rules apply (for `Root:Alpine:3.18`, `Alpine`). */
  readonly ecosystem: Ecosystem;
  /** The text after the first colon of the given name, if any (`12` for `Debian:12`). */
  readonly suffix?: string;
  readonly scheme: VersionScheme;
}

function isOneOf<T extends string>(list: readonly T[], name: string): name is T {
  return (list as readonly string[]).includes(name);
}

/** True when `name` (without suffix) is an ecosystem with a version order. */
export function isOrderedEcosystem(name: string): name is Ecosystem {
  return Object.hasOwn(VERSION_SCHEMES, name);
}

/** Resolves an OSV ecosystem string (optionally with `:suffix`) to its version rules. */
export function resolveEcosystem(name: string): Result<ResolvedEcosystem> {
  const colon = name.indexOf(":");
  const base = colon < 0 ? name : name.slice(0, colon);
  const suffix = colon < 0 ? undefined : name.slice(colon + 1);
  if (isOrderedEcosystem(base)) {
    const scheme = VERSION_SCHEMES[base];
    return {
      ok: true,
      value: suffix === undefined ? { ecosystem: base, scheme } : { ecosystem: base, suffix, scheme },
    };
  }
  if (isOneOf(DELEGATING_ECOSYSTEMS, base)) {
    const nested = suffix !== undefined && isOneOf(DELEGATING_ECOSYSTEMS, suffix.split(":")[0] as string);
    const inner = suffix === undefined || nested ? undefined : resolveEcosystem(suffix);
    if (inner === undefined || (!inner.ok && inner.error.code !== "versions.unordered_ecosystem")) {
      return fail(
        "versions.missing_inner_ecosystem",
        `${base} needs a suffix naming an ordered ecosystem, e.g. "${base}:Alpine:3.18".`,
      );
    }
    return inner.ok ? { ok: true, value: { ...inner.value, suffix } } : inner;
  }
  if (isOneOf(UNORDERED_ECOSYSTEMS, base)) {
    return fail("versions.unordered_ecosystem", `${base} versions have no order here; use the explicit versions list.`);
  }
  return fail("versions.unknown_ecosystem", `${JSON.stringify(name)} is not an OSV ecosystem.`);
}

/** Compares two version strings under an ecosystem's rules (the ecosystem may carry an OSV suffix). */
export function compareVersions(ecosystem: string, a: string, b: string): Result<Ordering> {
  const resolved = resolveEcosystem(ecosystem);
  return resolved.ok ? compareText(resolved.value.scheme, a, b) : resolved;
}
