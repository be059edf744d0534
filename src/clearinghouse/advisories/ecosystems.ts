import { formatPurl, type PackageUrl, parsePurl } from "../../standards/purl/index.ts";
import type { Result } from "../../standards/result.ts";
import { ecosystemForPurl } from "../../standards/versions/index.ts";

/**
 * How OSV ecosystems meet the other naming systems: purl types, CVE `collectionURL`s and CVE
 * `versionType`s. One table, read both ways (rendering documents and reading imported ones).
 */
interface EcosystemNames {
  purlType: string;
  collectionUrl?: string;
  cveVersionType: string;
}

const ECOSYSTEMS: Record<string, EcosystemNames> = {
  "crates.io": { purlType: "cargo", collectionUrl: "https://crates.io", cveVersionType: "semver" },
  CRAN: { purlType: "cran", collectionUrl: "https://cran.r-project.org", cveVersionType: "custom" },
  Go: { purlType: "golang", collectionUrl: "https://pkg.go.dev", cveVersionType: "semver" },
  Hackage: { purlType: "hackage", collectionUrl: "https://hackage.haskell.org", cveVersionType: "custom" },
  Hex: { purlType: "hex", collectionUrl: "https://hex.pm", cveVersionType: "semver" },
  Maven: { purlType: "maven", collectionUrl: "https://repo.maven.apache.org/maven2", cveVersionType: "maven" },
  npm: { purlType: "npm", collectionUrl: "https://www.npmjs.com", cveVersionType: "semver" },
  NuGet: { purlType: "nuget", collectionUrl: "https://www.nuget.org", cveVersionType: "nuget" },
  Packagist: { purlType: "composer", collectionUrl: "https://packagist.org", cveVersionType: "custom" },
  Pub: { purlType: "pub", collectionUrl: "https://pub.dev", cveVersionType: "semver" },
  PyPI: { purlType: "pypi", collectionUrl: "https://pypi.org", cveVersionType: "python" },
  RubyGems: { purlType: "gem", collectionUrl: "https://rubygems.org", cveVersionType: "custom" },
  SwiftURL: { purlType: "swift", cveVersionType: "semver" },
};

function namesOf(ecosystem: string): EcosystemNames | undefined {
  return ECOSYSTEMS[ecosystem.split(":")[0] ?? ""];
}

/** purl (and vers) type of an OSV ecosystem, when it has one. */
export function purlTypeOf(ecosystem: string): string | undefined {
  return namesOf(ecosystem)?.purlType;
}

/** CVE `collectionURL` and `versionType` of an OSV ecosystem. */
export function cveCollectionOf(ecosystem: string): { url?: string; versionType: string } {
  const names = namesOf(ecosystem);
  return {
    ...(names?.collectionUrl !== undefined && { url: names.collectionUrl }),
    versionType: names?.cveVersionType ?? "custom",
  };
}

/** The OSV ecosystem of a CVE `collectionURL` (trailing slash and case ignored). */
export function ecosystemOfCollection(url: string): string | undefined {
  const wanted = url.toLowerCase().replace(/\/+$/, "");
  return Object.entries(ECOSYSTEMS).find(([, n]) => n.collectionUrl?.toLowerCase() === wanted)?.[0];
}

/** An OSV package (ecosystem and name as OSV spells them) and the version a purl names. */
export interface OsvPackageRef {
  ecosystem: string;
  name: string;
  version?: string;
  /** The purl without version, qualifiers or subpath. */
  purl: string;
}

// Distribution packages carry the distribution as namespace; OSV names them by package name alone.
const DISTRIBUTION_TYPES = new Set(["deb", "apk", "rpm"]);

function osvName(purl: PackageUrl): string {
  if (purl.namespace === undefined || DISTRIBUTION_TYPES.has(purl.type)) return purl.name;
  return purl.type === "maven" ? `${purl.namespace}:${purl.name}` : `${purl.namespace}/${purl.name}`;
}

/** Reads a purl as an OSV package: `pkg:golang/github.com/a/b@v1.2.0` → Go, `github.com/a/b`, `v1.2.0`. */
export function osvPackageOfPurl(text: string): Result<OsvPackageRef> {
  const parsed = parsePurl(text);
  if (!parsed.ok) return parsed;
  const purl = parsed.value;
  const ecosystem = ecosystemForPurl(purl.type, purl.namespace);
  if (!ecosystem.ok) return ecosystem;
  const base = formatPurl({
    type: purl.type,
    name: purl.name,
    ...(purl.namespace !== undefined && { namespace: purl.namespace }),
  });
  return {
    ok: true,
    value: {
      ecosystem: ecosystem.value,
      name: osvName(purl),
      purl: base,
      ...(purl.version !== undefined && { version: purl.version }),
    },
  };
}
