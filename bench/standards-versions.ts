/**
 * Version comparisons per CPU second: SemVer (ours vs the `semver` package) and PEP 440 (ours vs
 * @renovatebot/pep440) in the same run, plus Debian and Maven. "compare(text)" and "parse + compare" rows
 * parse both strings and compare them, as the libraries' compare functions do; "parsed" rows compare
 * already-parsed values.
 * Inputs are the version pairs of the osv-scalibr fixtures (PyPI, Debian, Maven) and a generated SemVer set.
 *
 *   npx tsx bench/standards-versions.ts [conformance-dir]   (default ../shared/conformance)
 */
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import * as renovatePep440 from "@renovatebot/pep440";
import semverPackage from "semver";
import { debian, maven, pep440, semver, type VersionScheme } from "../src/standards/versions/index.ts";

const root = process.argv[2] ?? path.resolve(import.meta.dirname, "../../shared/conformance");
/** Measured rounds per contender, after one warm-up round. */
const ROUNDS = 5;
/** A round lasts this much CPU time, or this much wall time on a busy host, whichever comes first. */
const ROUND_CPU_MS = 150;
const ROUND_WALL_MS = 400;

function fixturePairs(file: string): [string, string][] {
  const text = readFileSync(path.join(root, "versions", "osv-scalibr-semantic", file), "utf8");
  return text
    .split("\n")
    .map((line) => line.trim().split(" "))
    .filter((p): p is [string, string, string] => p.length === 3 && !p[0]?.startsWith("#") && !p[0]?.startsWith("//"))
    .map(([a, , b]) => [a, b]);
}

/** Deterministic SemVer strings, a quarter of them pre-releases. */
function semverPairs(n: number): [string, string][] {
  let seed = 42;
  const rand = (m: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % m;
  };
  const labels = ["alpha", "beta", "rc", "alpha.1", "beta.11", "rc.2"];
  const one = () => `${rand(20)}.${rand(50)}.${rand(200)}${rand(4) === 0 ? `-${labels[rand(labels.length)]}` : ""}`;
  return Array.from({ length: n }, () => [one(), one()]);
}

/** User + system CPU time of this process, in milliseconds. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

interface Contender {
  label: string;
  /** Runs one pass over its inputs; returns how many comparisons it made. */
  pass: () => number;
}

type Loop = (pairs: readonly (readonly [unknown, unknown])[], op: (a: unknown, b: unknown) => number) => number;

/**
 * A freshly compiled copy of the measuring loop. One shared loop would gather V8 type feedback from
 * every contender and run the later ones through slow generic paths; a copy per contender keeps each
 * measurement about its own comparison function.
 */
function freshLoop(): Loop {
  return new Function(
    "pairs",
    "op",
    "let s = 0; for (let i = 0; i < pairs.length; i++) { const p = pairs[i]; s += op(p[0], p[1]); } return s;",
  ) as Loop;
}

function contender<T>(label: string, pairs: readonly (readonly [T, T])[], op: (a: T, b: T) => number): Contender {
  const loop = freshLoop();
  let sink = 0;
  return {
    label,
    pass() {
      sink += loop(pairs, op as (a: unknown, b: unknown) => number);
      if (sink === Number.MAX_SAFE_INTEGER) console.log(sink);
      return pairs.length;
    },
  };
}

/**
 * Comparisons per CPU second of each contender. The host may be shared, so time is the process's CPU
 * time rather than the wall clock, contenders take turns in short rounds and each keeps its best round;
 * the first round is warm-up.
 */
function race(contenders: Contender[]): number[] {
  const best = contenders.map(() => 0);
  for (let round = 0; round <= ROUNDS; round++) {
    for (const [i, c] of contenders.entries()) {
      let count = 0;
      const start = cpuMs();
      const wallStart = performance.now();
      let elapsed = 0;
      while (elapsed < ROUND_CPU_MS && performance.now() - wallStart < ROUND_WALL_MS) {
        count += c.pass();
        elapsed = cpuMs() - start;
      }
      if (round > 0) best[i] = Math.max(best[i] as number, (count / elapsed) * 1000);
    }
  }
  return best;
}

function strictParser<V>(scheme: VersionScheme<V>): (text: string) => V {
  return (text) => {
    const r = scheme.parse(text);
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
}

/** Ours on text: parse both strings, then compare. */
function oursText<V>(scheme: VersionScheme<V>, pairs: [string, string][]): Contender {
  const parse = strictParser(scheme);
  return contender("ours, parse + compare", pairs, (a, b) => scheme.compare(parse(a), parse(b)));
}

/** Ours on values parsed beforehand. */
function oursParsed<V>(scheme: VersionScheme<V>, pairs: [string, string][]): Contender {
  const parse = strictParser(scheme);
  const parsed = pairs.map(([a, b]) => [parse(a), parse(b)] as const);
  return contender("ours, compare(parsed)", parsed, (a, b) => scheme.compare(a, b));
}

function row(label: string, opsPerSecond: number, baseline?: number): string {
  const ratio = baseline === undefined ? "" : `  (${(opsPerSecond / baseline).toFixed(2)}x the library)`;
  return `  ${label.padEnd(38)} ${Math.round(opsPerSecond).toLocaleString("en-US").padStart(12)} cmp/s${ratio}`;
}

const semverInput = semverPairs(10_000);
const pypiInput = fixturePairs("pypi-versions-generated.txt");
// The library rejects legacy (non-PEP 440) versions, so both sides get the pairs it accepts.
const pep440Input = pypiInput.filter(([a, b]) => renovatePep440.valid(a) !== null && renovatePep440.valid(b) !== null);
const debianInput = fixturePairs("debian-versions-generated.txt");
const mavenInput = fixturePairs("maven-versions-generated.txt");

console.log(
  `standards/versions comparisons — node ${process.version}, ${os.cpus().length} cores, load ${os.loadavg()[0]?.toFixed(1)}`,
);

/**
 * Prints a group. Text contenders race first and parsed values are only built afterwards: retaining
 * thousands of parsed versions makes V8 pretenure the parser's allocations, which would then slow the
 * text contenders through old-generation garbage collection. `baseline[i]` indexes the library row that
 * row i is compared with.
 */
function report(title: string, phases: (() => Contender[])[], baseline: (number | undefined)[]): void {
  console.log(title);
  let offset = 0;
  for (const phase of phases) {
    const contenders = phase();
    const ops = race(contenders);
    for (const [i, c] of contenders.entries()) {
      const b = baseline[offset + i];
      console.log(row(c.label, ops[i] as number, b === undefined ? undefined : ops[b - offset]));
    }
    offset += contenders.length;
  }
}

report(
  `SemVer (${semverInput.length.toLocaleString("en-US")} generated pairs)`,
  [
    () => [
      contender("semver package, compare(text)", semverInput, (a, b) => semverPackage.compare(a, b)),
      oursText(semver, semverInput),
    ],
    () => [
      contender(
        "semver package, SemVer#compare(parsed)",
        semverInput.map(([a, b]) => [new semverPackage.SemVer(a), new semverPackage.SemVer(b)] as const),
        (a, b) => a.compare(b),
      ),
      oursParsed(semver, semverInput),
    ],
  ],
  [undefined, 0, undefined, 2],
);
report(
  `PEP 440 (${pep440Input.length.toLocaleString("en-US")} fixture pairs the library accepts)`,
  [
    () => [
      contender("@renovatebot/pep440, compare(text)", pep440Input, (a, b) => renovatePep440.compare(a, b)),
      oursText(pep440, pep440Input),
    ],
    () => [oursParsed(pep440, pep440Input)],
  ],
  [undefined, 0],
);
for (const [name, scheme, input] of [
  ["Debian", debian, debianInput],
  ["Maven", maven, mavenInput],
] as const) {
  const s = scheme as VersionScheme;
  report(
    `${name} (${input.length.toLocaleString("en-US")} fixture pairs, no library)`,
    [() => [oursText(s, input)], () => [oursParsed(s, input)]],
    [],
  );
}
