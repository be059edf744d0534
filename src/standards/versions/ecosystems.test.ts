import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  compareVersions,
  DELEGATING_ECOSYSTEMS,
  debian,
  ecosystemForPurl,
  ORDERED_ECOSYSTEMS,
  resolveEcosystem,
  rpm,
  UNORDERED_ECOSYSTEMS,
  VERSION_SCHEMES,
} from "./index.ts";

// The ecosystem names of the OSV schema's `ecosystemWithSuffix` pattern (schema 1.7), GIT included.
const OSV_SCHEMA_ECOSYSTEMS = [
  "AlmaLinux",
  "Alpaquita",
  "Alpine",
  "Android",
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
  "Docker Hardened Images",
  "Echo",
  "FreeBSD",
  "GHC",
  "GitHub Actions",
  "Go",
  "Hackage",
  "Hex",
  "Julia",
  "Kubernetes",
  "Linux",
  "Mageia",
  "Maven",
  "MinimOS",
  "npm",
  "NuGet",
  "opam",
  "openEuler",
  "openSUSE",
  "OSS-Fuzz",
  "Packagist",
  "Photon OS",
  "Pub",
  "PyPI",
  "Red Hat",
  "Rocky Linux",
  "Root",
  "RubyGems",
  "SUSE",
  "SwiftURL",
  "TuxCare",
  "Ubuntu",
  "VSCode",
  "Wolfi",
  "GIT",
];

function resolved(name: string): string {
  const r = resolveEcosystem(name);
  assert.ok(r.ok, r.ok ? "" : r.error.message);
  return `${r.value.ecosystem} ${r.value.scheme.name}`;
}

function errorCode(name: string): string {
  const r = resolveEcosystem(name);
  assert.ok(!r.ok, `${name} should not resolve`);
  return r.error.code;
}

describe("ecosystems", () => {
  it("classify every OSV ecosystem exactly once", () => {
    const all = [...ORDERED_ECOSYSTEMS, ...DELEGATING_ECOSYSTEMS, ...UNORDERED_ECOSYSTEMS];
    assert.deepEqual([...all].sort(), [...OSV_SCHEMA_ECOSYSTEMS].sort());
    assert.equal(new Set(all).size, all.length);
    for (const name of ORDERED_ECOSYSTEMS) assert.ok(VERSION_SCHEMES[name], name);
  });

  it("share schemes where ecosystems share rules", () => {
    assert.equal(VERSION_SCHEMES.Ubuntu, debian);
    for (const name of ["Red Hat", "Rocky Linux", "AlmaLinux", "openSUSE", "SUSE", "Photon OS"] as const) {
      assert.equal(VERSION_SCHEMES[name], rpm, name);
    }
  });

  it("resolve OSV suffixes by the part before the first colon", () => {
    assert.equal(resolved("Debian:12"), "Debian debian");
    assert.equal(resolved("Alpine:v3.18"), "Alpine alpine");
    assert.equal(resolved("Ubuntu:22.04:LTS"), "Ubuntu debian");
    assert.equal(resolved("Ubuntu:Pro:18.04:LTS"), "Ubuntu debian");
    assert.equal(resolved("Red Hat:rhel_aus:8.4::appstream"), "Red Hat rpm");
    assert.equal(resolved("Maven:https://maven.google.com"), "Maven maven");
    const deb = resolveEcosystem("Debian:12");
    assert.ok(deb.ok && deb.value.suffix === "12");
    const npm = resolveEcosystem("npm");
    assert.ok(npm.ok && npm.value.suffix === undefined);
  });

  it("follow the inner ecosystem of delegating ones", () => {
    assert.equal(resolved("Root:Alpine:3.18"), "Alpine alpine");
    assert.equal(resolved("TuxCare:npm"), "npm semver");
    assert.equal(resolved("Docker Hardened Images:Debian:trixie"), "Debian debian");
    assert.equal(errorCode("TuxCare"), "versions.missing_inner_ecosystem");
    assert.equal(errorCode("TuxCare:TuxCare:npm"), "versions.missing_inner_ecosystem");
    assert.equal(errorCode("Root:nothing"), "versions.missing_inner_ecosystem");
    assert.equal(errorCode("Root:Linux"), "versions.unordered_ecosystem");
  });

  it("refuse unknown and unordered names instead of guessing", () => {
    assert.equal(errorCode("debian"), "versions.unknown_ecosystem");
    assert.equal(errorCode("Crates.io"), "versions.unknown_ecosystem");
    assert.equal(errorCode("constructor"), "versions.unknown_ecosystem");
    assert.equal(errorCode(""), "versions.unknown_ecosystem");
    assert.equal(errorCode("GIT"), "versions.unordered_ecosystem");
    assert.equal(errorCode("Linux"), "versions.unordered_ecosystem");
  });

  it("compare version strings by ecosystem name", () => {
    assert.deepEqual(compareVersions("PyPI", "1.0.dev1", "1.0a1"), { ok: true, value: -1 });
    assert.deepEqual(compareVersions("Ubuntu:22.04:LTS", "1.0-1ubuntu1", "1.0-1"), { ok: true, value: 1 });
    assert.deepEqual(compareVersions("Rocky Linux:9", "1:1.0", "2.0"), { ok: true, value: 1 });
    const bad = compareVersions("npm", "1.0.0", "banana");
    assert.ok(!bad.ok && bad.error.code === "versions.invalid_version");
  });
});

describe("purl types", () => {
  it("map to OSV ecosystems", () => {
    const cases: [string, string | undefined, string][] = [
      ["npm", undefined, "npm"],
      ["pypi", undefined, "PyPI"],
      ["golang", "github.com/x", "Go"],
      ["maven", "org.apache", "Maven"],
      ["nuget", undefined, "NuGet"],
      ["gem", undefined, "RubyGems"],
      ["cargo", undefined, "crates.io"],
      ["composer", "laravel", "Packagist"],
      ["pub", undefined, "Pub"],
      ["hex", undefined, "Hex"],
      ["cran", undefined, "CRAN"],
      ["hackage", undefined, "Hackage"],
      ["deb", "debian", "Debian"],
      ["deb", "Ubuntu", "Ubuntu"],
      ["apk", "alpine", "Alpine"],
      ["apk", "wolfi", "Wolfi"],
      ["rpm", "redhat", "Red Hat"],
      ["rpm", "opensuse", "openSUSE"],
      ["rpm", "almalinux", "AlmaLinux"],
      ["PyPI", undefined, "PyPI"],
    ];
    for (const [type, namespace, want] of cases) {
      assert.deepEqual(ecosystemForPurl(type, namespace), { ok: true, value: want }, `${type}/${namespace}`);
    }
  });

  it("refuse types and vendors without an ecosystem", () => {
    for (const [type, namespace] of [
      ["generic", undefined],
      ["deb", undefined],
      ["rpm", "fedora"],
      ["docker", "library"],
    ] as const) {
      const r = ecosystemForPurl(type, namespace);
      assert.ok(!r.ok && r.error.code === "versions.unknown_purl_type", `${type}/${namespace}`);
    }
  });
});
