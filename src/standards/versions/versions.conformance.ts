/**
 * Version-ordering conformance against osv-scalibr's fixtures (conformance/versions/osv-scalibr-semantic):
 * one suite per file. Each line `a OP b` must parse on both sides and compare as OP in both directions
 * (`b` against `a` gives the opposite). Lines that are blank or start with `#` or `//` are comments.
 * Files named after an ecosystem family run under every ecosystem mapped to it below.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { type ConformanceSuite, SuiteTally } from "../conformance-suite.ts";
import { type Ecosystem, VERSION_SCHEMES } from "./ecosystems.ts";
import type { Ordering, VersionScheme } from "./scheme.ts";

/** Fixture family (file name before `-versions`) → the ecosystems that must satisfy it. */
const FAMILIES: Readonly<Record<string, readonly Ecosystem[]>> = {
  alpine: ["Alpine"],
  cran: ["CRAN"],
  debian: ["Debian"],
  hackage: ["Hackage"],
  maven: ["Maven"],
  nuget: ["NuGet"],
  packagist: ["Packagist"],
  pub: ["Pub"],
  pypi: ["PyPI"],
  redhat: ["Red Hat"],
  rubygems: ["RubyGems"],
  semver: ["npm", "crates.io", "Go", "Hex"],
};

/** Every fixture file the suites expect (`<family>-versions[-generated].txt`). */
const FILES: readonly string[] = [
  "alpine-versions.txt",
  "alpine-versions-generated.txt",
  "cran-versions.txt",
  "cran-versions-generated.txt",
  "debian-versions.txt",
  "debian-versions-generated.txt",
  "hackage-versions.txt",
  "maven-versions.txt",
  "maven-versions-generated.txt",
  "nuget-versions.txt",
  "packagist-versions.txt",
  "packagist-versions-generated.txt",
  "pub-versions.txt",
  "pypi-versions.txt",
  "pypi-versions-generated.txt",
  "redhat-versions.txt",
  "rubygems-versions.txt",
  "rubygems-versions-generated.txt",
  "semver-versions.txt",
];

const EXPECTED: Readonly<Record<string, Ordering>> = { "<": -1, "=": 0, ">": 1 };

/** Checks one fixture line under one scheme; returns "" when it holds, else what went wrong. */
function check(scheme: VersionScheme, a: string, op: string, b: string): string {
  const want = EXPECTED[op];
  if (want === undefined) return `unknown operator ${op}`;
  const left = scheme.parse(a);
  if (!left.ok) return `parse ${a}: ${left.error.message}`;
  const right = scheme.parse(b);
  if (!right.ok) return `parse ${b}: ${right.error.message}`;
  const forward = scheme.compare(left.value, right.value);
  const backward = scheme.compare(right.value, left.value);
  if (forward !== want) return `got ${forward}, want ${want}`;
  if (backward !== -want) return `reversed comparison gave ${backward}`;
  return "";
}

function suiteFor(file: string): ConformanceSuite {
  const stem = file.replace(/\.txt$/, "");
  const family = stem.slice(0, stem.indexOf("-versions"));
  const ecosystems = FAMILIES[family] ?? [];
  // Ecosystems sharing a scheme object would only repeat the same checks.
  const schemes = [...new Set(ecosystems.map((e) => VERSION_SCHEMES[e]))];
  return {
    suite: `versions-${stem.replace("-versions", "")}`,
    required: true,
    async run(dir) {
      const tally = new SuiteTally();
      let text: string;
      try {
        text = await readFile(path.join(dir, "versions", "osv-scalibr-semantic", file), "utf8");
      } catch (error) {
        tally.check(file, false, `cannot read fixture: ${(error as Error).message}`);
        return tally.outcome();
      }
      for (const [index, raw] of text.split("\n").entries()) {
        const line = raw.trim();
        if (line === "" || line.startsWith("#") || line.startsWith("//")) continue;
        const pieces = line.split(" ");
        for (const scheme of schemes) {
          const id = `${file}:${index + 1} ${line}`;
          if (pieces.length !== 3) tally.check(id, false, "expected `a OP b`");
          else
            tally.check(id, ...verdict(check(scheme, pieces[0] as string, pieces[1] as string, pieces[2] as string)));
        }
        if (schemes.length === 0) tally.check(`${file}:${index + 1}`, false, `no ecosystem for family ${family}`);
      }
      return tally.outcome();
    },
  };
}

function verdict(problem: string): [boolean, string] {
  return [problem === "", problem];
}

/** One required suite per fixture file, e.g. `versions-pypi`, `versions-pypi-generated`. */
export const suites: ConformanceSuite[] = FILES.map(suiteFor);
