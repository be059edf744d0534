/**
 * Maps a package URL type (and, for distribution packages, its namespace) to the OSV ecosystem whose
 * version rules apply. A type or namespace without a known ecosystem is an error, never a guess.
 */
import { fail, type Result } from "../result.ts";
import type { Ecosystem } from "./ecosystems.ts";

const BY_TYPE: ReadonlyMap<string, Ecosystem> = new Map<string, Ecosystem>([
  ["bitnami", "Bitnami"],
  ["cargo", "crates.io"],
  ["composer", "Packagist"],
  ["conan", "ConanCenter"],
  ["cran", "CRAN"],
  ["gem", "RubyGems"],
  ["golang", "Go"],
  ["hackage", "Hackage"],
  ["hex", "Hex"],
  ["julia", "Julia"],
  ["maven", "Maven"],
  ["npm", "npm"],
  ["nuget", "NuGet"],
  ["opam", "opam"],
  ["pub", "Pub"],
  ["pypi", "PyPI"],
  ["swift", "SwiftURL"],
  ["vscode-extension", "VSCode"],
]);

// Distribution packages: the purl namespace names the vendor, which picks the ecosystem.
const BY_NAMESPACE: ReadonlyMap<string, ReadonlyMap<string, Ecosystem>> = new Map([
  [
    "deb",
    new Map<string, Ecosystem>([
      ["debian", "Debian"],
      ["ubuntu", "Ubuntu"],
    ]),
  ],
  [
    "apk",
    new Map<string, Ecosystem>([
      ["alpine", "Alpine"],
      ["alpaquita", "Alpaquita"],
      ["chainguard", "Chainguard"],
      ["minimos", "MinimOS"],
      ["wolfi", "Wolfi"],
    ]),
  ],
  [
    "rpm",
    new Map<string, Ecosystem>([
      ["almalinux", "AlmaLinux"],
      ["azurelinux", "Azure Linux"],
      ["mageia", "Mageia"],
      ["openeuler", "openEuler"],
      ["opensuse", "openSUSE"],
      ["photon", "Photon OS"],
      ["redhat", "Red Hat"],
      ["rocky", "Rocky Linux"],
      ["rocky-linux", "Rocky Linux"],
      ["suse", "SUSE"],
    ]),
  ],
]);

/** The OSV ecosystem for a purl `type` (case-insensitive) and, for deb/apk/rpm, its `namespace`. */
export function ecosystemForPurl(type: string, namespace?: string): Result<Ecosystem> {
  const t = type.toLowerCase();
  const direct = BY_TYPE.get(t);
  if (direct !== undefined) return { ok: true, value: direct };
  const vendors = BY_NAMESPACE.get(t);
  if (vendors === undefined)
    return fail("versions.unknown_purl_type", `purl type ${JSON.stringify(type)} has no OSV ecosystem.`);
  const vendor = vendors.get((namespace ?? "").toLowerCase());
  if (vendor === undefined) {
    return fail(
      "versions.unknown_purl_type",
      `purl type ${t} with namespace ${JSON.stringify(namespace ?? "")} has no OSV ecosystem (known: ${[...vendors.keys()].join(", ")}).`,
      "namespace",
    );
  }
  return { ok: true, value: vendor };
}
