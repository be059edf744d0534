/**
 * PURL parses per second (ours vs packageurl-js 2.0.1, same inputs, same run) and vers membership
 * checks per second (compiled once vs read each time, with node `semver.satisfies` on the native
 * npm ranges as a yardstick). Inputs: the purl-spec test PURLs both libraries accept, and the npm
 * ranges of the vers-spec from-native tests against generated SemVer versions.
 *
 *   npx tsx bench/standards-purl.ts [conformance-dir]   (default ../shared/conformance)
 */
import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PackageURL } from "packageurl-js";
import semverPackage from "semver";
import { formatPurl, parsePurl } from "../src/standards/purl/index.ts";
import { compileVers, formatVers, versContains, versFromNative } from "../src/standards/vers/index.ts";

const root = process.argv[2] ?? path.resolve(import.meta.dirname, "../../shared/conformance");
const ROUNDS = 6;
const ROUND_MS = 150;

function readTests(file: string): Array<{ test_type: string; input: unknown }> {
  return (JSON.parse(readFileSync(file, "utf8")) as { tests: Array<{ test_type: string; input: unknown }> }).tests;
}

/** Distinct PURL strings of the purl-spec tests that both parsers accept. */
function purlCorpus(): string[] {
  const typesDir = path.join(root, "purl", "types");
  const files = [path.join(root, "purl", "spec", "specification-test.json")];
  for (const name of readdirSync(typesDir)) files.push(path.join(typesDir, name));
  const inputs = new Set<string>();
  for (const file of files) {
    for (const test of readTests(file)) if (typeof test.input === "string") inputs.add(test.input);
  }
  return [...inputs].filter((input) => {
    try {
      PackageURL.fromString(input);
    } catch {
      return false;
    }
    return parsePurl(input).ok;
  });
}

/** Deterministic SemVer versions, a quarter of them pre-releases. */
function versions(n: number): string[] {
  let seed = 7;
  const rand = (m: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % m;
  };
  return Array.from({ length: n }, () => `${rand(8)}.${rand(20)}.${rand(40)}${rand(4) === 0 ? "-beta.1" : ""}`);
}

interface Contender {
  readonly label: string;
  /** One pass over the inputs; returns the number of operations. */
  pass(): number;
}

let sink = 0;

function contender<T>(label: string, inputs: readonly T[], op: (input: T) => unknown): Contender {
  return {
    label,
    pass() {
      for (const input of inputs) if (op(input)) sink += 1;
      return inputs.length;
    },
  };
}

/** Operations per second; contenders alternate in short rounds and keep their best (the host is shared). */
function race(contenders: readonly Contender[]): number[] {
  const best = contenders.map(() => 0);
  for (let round = 0; round <= ROUNDS; round += 1) {
    for (const [i, c] of contenders.entries()) {
      let count = 0;
      const start = performance.now();
      let elapsed = 0;
      while (elapsed < ROUND_MS) {
        count += c.pass();
        elapsed = performance.now() - start;
      }
      if (round > 0) best[i] = Math.max(best[i]!, (count / elapsed) * 1000);
    }
  }
  return best;
}

function report(title: string, contenders: readonly Contender[]): void {
  const rates = race(contenders);
  console.log(title);
  for (const [i, c] of contenders.entries()) {
    const ratio = i === 0 ? "" : `  (first row ${(rates[0]! / rates[i]!).toFixed(1)}x this)`;
    console.log(`  ${c.label.padEnd(42)} ${Math.round(rates[i]!).toLocaleString("en-US").padStart(12)} /s${ratio}`);
  }
}

const purls = purlCorpus();
console.log(`cores: ${os.cpus().length}; node ${process.version}; ${purls.length} PURLs from the purl-spec tests`);
report("PURL parse", [
  contender("ours parsePurl", purls, (p) => parsePurl(p).ok),
  contender("packageurl-js PackageURL.fromString", purls, (p) => PackageURL.fromString(p)),
]);
report("PURL parse + canonical string", [
  contender("ours formatPurl(parsePurl)", purls, (p) => {
    const r = parsePurl(p);
    return r.ok && formatPurl(r.value);
  }),
  contender("packageurl-js fromString().toString()", purls, (p) => PackageURL.fromString(p).toString()),
]);

const nativeRanges = readTests(path.join(root, "vers", "npm_range_from_native_test.json"))
  .map((t) => (t.input as { native_range: string }).native_range)
  .filter((native, i, all) => all.indexOf(native) === i);
const compiled = nativeRanges.flatMap((native) => {
  const range = versFromNative("npm", native);
  const c = range.ok ? compileVers(range.value) : undefined;
  return c?.ok ? [{ native, text: formatVers(c.value.range), compiled: c.value }] : [];
});
const tested = versions(64);
const checks = compiled.flatMap((r) => tested.map((version) => ({ ...r, version })));
console.log(`${compiled.length} npm ranges x ${tested.length} versions`);
report("vers membership", [
  contender("ours compileVers once, contains()", checks, (c) => c.compiled.contains(c.version).ok),
  contender("ours versContains(vers string)", checks, (c) => versContains(c.text, c.version).ok),
  contender("semver.satisfies (native npm range)", checks, (c) => semverPackage.satisfies(c.version, c.native)),
]);
if (sink < 0) console.log(sink);
