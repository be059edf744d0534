import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
  alpine,
  cran,
  debian,
  hackage,
  maven,
  nuget,
  packagist,
  pep440,
  pub,
  rpm,
  rubygems,
  semver,
  type VersionErrorCode,
  type VersionScheme,
} from "./index.ts";

const CODES: ReadonlySet<VersionErrorCode> = new Set(["versions.empty", "versions.invalid_version"]);

interface Case {
  scheme: VersionScheme;
  seeds: string[];
  /** Orders that are total on well-formed input (apk and PHP fall back to text order on junk, which is not). */
  transitive: boolean;
}

const CASES: Case[] = [
  { scheme: semver, seeds: ["1.2.3", "v1.0.0-alpha.1", "2.0.0-rc.1+build.5", "0.0.0-foo"], transitive: true },
  { scheme: nuget, seeds: ["1.0.0.1-Beta.2", "1.0", "4.1.0+meta"], transitive: true },
  { scheme: pub, seeds: ["1.2.3+9a", "1.0.0-pre+build", "2.0.0"], transitive: true },
  { scheme: pep440, seeds: ["1!2.0rc1.post2.dev3+local.7", "1.0-1", "0.1-bulbasaur", "2.0.0a1"], transitive: true },
  {
    scheme: maven,
    seeds: ["1.0-alpha-1-SNAPSHOT", "6.1H.5-beta", "1-1.foo-bar1baz-.1", "2.0.1-xyz"],
    transitive: true,
  },
  { scheme: rubygems, seeds: ["1.0.a10", "1.2.4.beta", "3.0.0-rc1"], transitive: true },
  { scheme: packagist, seeds: ["1.0RC1", "v1.0pl1", "dev-foo", "1.25.0-beta2.1"], transitive: false },
  { scheme: cran, seeds: ["0.1-2", "1.0.3", "0.01.0"], transitive: true },
  { scheme: hackage, seeds: ["0.1.26.0", "1.0", "2"], transitive: true },
  { scheme: debian, seeds: ["1:2.7.4+reloaded2-13ubuntu1", "1.2.3-1~deb7u1", "0.0.0"], transitive: true },
  { scheme: rpm, seeds: ["0:3.10.0-229.1.2.ael7b", "1.0~rc1^git1", "5.5p1"], transitive: true },
  { scheme: alpine, seeds: ["2.9.11_pre20051101-r2", "1.0.4-r3", "0.15.1b", "1.2_blah"], transitive: false },
];

const edit = fc.tuple(
  fc.nat(),
  fc.constantFrom("insert", "delete", "replace"),
  fc.constantFrom(..."0123456789.-+_~^:!abrvAZ#α ".split("")),
);

/** A seed with a few single-character edits. */
function mutated(seeds: string[]) {
  return fc.tuple(fc.constantFrom(...seeds), fc.array(edit, { maxLength: 4 })).map(([seed, edits]) => {
    let text = seed;
    for (const [at, op, ch] of edits) {
      const i = text.length === 0 ? 0 : at % (text.length + (op === "insert" ? 1 : 0));
      if (op === "insert") text = text.slice(0, i) + ch + text.slice(i);
      else if (op === "delete") text = text.slice(0, i) + text.slice(i + 1);
      else text = text.slice(0, i) + ch + text.slice(i + 1);
    }
    return text;
  });
}

// Any code points, lone surrogates included (fc.string's "binary" unit is slow to set up).
const unicodeText = fc
  .array(fc.integer({ min: 0, max: 0x10ffff }), { maxLength: 12 })
  .map((points) => String.fromCodePoint(...points));

function anyText(seeds: string[]) {
  return fc.oneof(fc.string(), unicodeText, mutated(seeds));
}

/** Parses or fails with a typed error; a parsed version round-trips through its canonical text. */
function checkOne(scheme: VersionScheme, text: string): void {
  const r = scheme.parse(text);
  if (!r.ok) {
    assert.ok(CODES.has(r.error.code as VersionErrorCode), `${scheme.name}: unexpected code ${r.error.code}`);
    return;
  }
  assert.equal(scheme.compare(r.value, r.value), 0);
  const canonical = scheme.format(r.value);
  const again = scheme.parse(canonical);
  assert.ok(again.ok, `${scheme.name}: canonical ${JSON.stringify(canonical)} of ${JSON.stringify(text)} must parse`);
  assert.equal(
    scheme.compare(again.value, r.value),
    0,
    `${scheme.name}: ${JSON.stringify(text)} vs ${JSON.stringify(canonical)}`,
  );
  assert.equal(scheme.format(again.value), canonical, `${scheme.name}: format is idempotent`);
}

function sign(scheme: VersionScheme, a: string, b: string): number | undefined {
  const x = scheme.parse(a);
  const y = scheme.parse(b);
  return x.ok && y.ok ? scheme.compare(x.value, y.value) : undefined;
}

describe("version parsers under fuzzing", () => {
  for (const { scheme, seeds, transitive } of CASES) {
    it(`${scheme.name}: never throws, errors are typed, canonical text round-trips`, () => {
      fc.assert(
        fc.property(anyText(seeds), (text) => checkOne(scheme, text)),
        { numRuns: 400 },
      );
    });
    it(`${scheme.name}: comparison is antisymmetric${transitive ? " and transitive" : ""}`, () => {
      fc.assert(
        fc.property(mutated(seeds), mutated(seeds), mutated(seeds), (a, b, c) => {
          const ab = sign(scheme, a, b);
          if (ab === undefined) return;
          assert.equal(sign(scheme, b, a), -ab || 0, `${scheme.name}: ${a} vs ${b}`);
          const bc = sign(scheme, b, c);
          const ac = sign(scheme, a, c);
          if (!transitive || bc === undefined || ac === undefined) return;
          if (ab <= 0 && bc <= 0) assert.ok(ac <= 0, `${scheme.name}: ${a} <= ${b} <= ${c} but ${a} > ${c}`);
          if (ab >= 0 && bc >= 0) assert.ok(ac >= 0, `${scheme.name}: ${a} >= ${b} >= ${c} but ${a} < ${c}`);
        }),
        { numRuns: 400 },
      );
    });
  }
});
