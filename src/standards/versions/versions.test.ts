import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  alpine,
  cran,
  debian,
  hackage,
  maven,
  nuget,
  type Ordering,
  packagist,
  pep440,
  pub,
  rpm,
  rubygems,
  semver,
  type VersionScheme,
} from "./index.ts";

/** `a OP b` lines, checked in both directions. */
function expectOrder(scheme: VersionScheme, lines: string): void {
  const want: Record<string, Ordering> = { "<": -1, "=": 0, ">": 1 };
  for (const line of lines.trim().split("\n")) {
    const [a, op, b] = line.trim().split(" ") as [string, string, string];
    const pa = scheme.parse(a);
    const pb = scheme.parse(b);
    assert.ok(pa.ok && pb.ok, `${scheme.name}: ${line} should parse`);
    assert.equal(scheme.compare(pa.value, pb.value), want[op], `${scheme.name}: ${line}`);
    assert.equal(scheme.compare(pb.value, pa.value), -(want[op] as number) || 0, `${scheme.name}: ${line} reversed`);
  }
}

function expectInvalid(scheme: VersionScheme, inputs: string[], code = "versions.invalid_version"): void {
  for (const text of inputs) {
    const r = scheme.parse(text);
    assert.ok(!r.ok, `${scheme.name}: ${JSON.stringify(text)} should be rejected`);
    assert.equal(r.error.code, code, `${scheme.name}: ${JSON.stringify(text)}`);
  }
}

function expectFormat(scheme: VersionScheme, pairs: [string, string][]): void {
  for (const [input, canonical] of pairs) {
    const r = scheme.parse(input);
    assert.ok(r.ok, input);
    assert.equal(scheme.format(r.value), canonical, `${scheme.name}: format(${input})`);
  }
}

describe("semver", () => {
  it("orders by SemVer 2.0 precedence", () => {
    expectOrder(
      semver,
      `1.0.0-alpha < 1.0.0-alpha.1
       1.0.0-alpha.1 < 1.0.0-alpha.beta
       1.0.0-beta.2 < 1.0.0-beta.11
       1.0.0-rc.1 < 1.0.0
       1.2.3-r100 < 1.2.3-r2
       1.2.3-R2 < 1.2.3-r100
       v1.2.3 = 1.2.3
       1.2.3+build = 1.2.3+other
       1 = 1.0.0
       1.2.3.4 > 1.2.3
       999999999999999999999999999991 < 999999999999999999999999999999`,
    );
  });
  it("rejects what is not SemVer-like", () => {
    expectInvalid(semver, ["1.", "a.b.c", "1.2.3-", "1.2.3-a..b", "1.2.3+", "1.2.3 ", "1.2.3a", "=1.2.3"]);
    expectInvalid(semver, ["", "  "], "versions.empty");
  });
  it("formats canonically", () => {
    expectFormat(semver, [
      ["v01.2.3-rc.01+b.1", "1.2.3-rc.1+b.1"],
      ["1", "1.0.0"],
      ["1.2.3.0", "1.2.3"],
    ]);
  });
});

describe("nuget", () => {
  it("ignores case in labels and build metadata, and takes four components", () => {
    expectOrder(
      nuget,
      `1.0.0-BETA = 1.0.0-beta
       1.0.0-beta2 > 1.0.0-BETA
       1.0 = 1.0.0.0
       1.0.0 < 1.0.0.1-alpha
       1.0.0+AA > 1.0.0-beta+aa`,
    );
  });
});

describe("pub", () => {
  it("orders build metadata after the version", () => {
    expectOrder(
      pub,
      `1.0.0-pre < 1.0.0-pre+build
       1.0.0 < 1.0.0+build
       1.2.3+900 < 1.2.3+a
       1.2.3+9a > 1.2.3+1z`,
    );
  });
});

describe("pep440", () => {
  it("orders PEP 440 versions", () => {
    expectOrder(
      pep440,
      `1.0.dev0 < 1.0a0
       1.0a1 < 1.0b1
       1.0rc1 < 1.0
       1.0 < 1.0.post1
       1.0.post1.dev1 < 1.0.post1
       1.2.post3.dev4 > 1.2b3.dev4
       1.0.0+local > 1.0.0
       1.0.0+local.a < 1.0.0+local.1
       1!1.0 > 2.0
       1.0-1 = 1.0.post1
       1.0 = 1.0.0
       0.9.preview < 1.0
       1.2B3.DEV4 = 1.2b3.dev4`,
    );
  });
  it("orders legacy versions below PEP 440 ones", () => {
    expectOrder(
      pep440,
      `0.1-bulbasaur < 0.1-charmander
       0.9-ivysaur < 1.0
       -class.-jw.util.version.version-pre < 0.0.1
       1.0-dev < 1.0-pre`,
    );
  });
  it("normalizes", () => {
    expectFormat(pep440, [
      ["v1.0-ALPHA.1", "1.0a1"],
      ["1.0-r", "1.0.post0"],
      ["0!1.0.DEV", "1.0.dev0"],
      ["1.0+Ubuntu-01", "1.0+ubuntu.1"],
      ["not.pep440-x", "not.pep440-x"],
    ]);
  });
});

describe("maven", () => {
  it("follows the version order specification", () => {
    expectOrder(
      maven,
      `1-alpha-1 < 1-alpha-2
       1.0-alpha-1 < 1.0-beta-1
       1.0-SNAPSHOT < 1.0
       1.0 < 1.0-1
       2.0.1-xyz < 2.0.1-123
       1 = 1.0.0-0.ga
       1a1 = 1-alpha-1
       1cr = 1rc
       1-1.foo-bar-1-baz-0.1 = 1-1.foo-bar1baz-.1
       1.foo > 1
       1.sp > 1
       1.alpha < 1
       6.1.0rc3 < 6.1H.5-beta`,
    );
  });
  it("formats tokens canonically", () => {
    expectFormat(maven, [
      ["1.0.0-GA-1", "1-1"],
      ["1-GA.1", "1-ga.1"],
      ["1a1", "1-alpha-1"],
      ["1.0.0-foo.0.0", "1-foo"],
    ]);
  });
});

describe("rubygems", () => {
  it("orders like Gem::Version", () => {
    expectOrder(
      rubygems,
      `3.2 < 3.10
       1.2.4.beta < 1.2.4
       1.0.a10 > 1.0.a9
       1.0.a2 = 1.0.a.2
       1.0 > 1.0.b1
       1.0.0-rc1 = 1.0.0.pre.rc1
       1.0.A < 1.0.a`,
    );
  });
  it("rejects other characters", () => {
    expectInvalid(rubygems, ["1.0+x", "-1", "1 0"]);
  });
});

describe("packagist", () => {
  it("orders like PHP's version_compare", () => {
    expectOrder(
      packagist,
      `1.0-dev < 1.0a1
       1.0a1 < 1.0b1
       1.0b1 < 1.0RC1
       1.0RC1 = 1.0rc1
       1.0rc1 < 1.0
       1.0 < 1.0pl1
       v1.0 = 1.0
       1.0.0 > 1.0
       1.25.0-beta2.1 = 1.25.0-b.2.1
       dev-foo < 1.26.0
       1.0-foo < 1.0-dev`,
    );
  });
});

describe("cran and hackage", () => {
  it("compare number lists, a prefix being smaller", () => {
    expectOrder(cran, "0.01.0 = 0.1-0\n0.1.0 < 0.1.0.0\n0.9 < 0.75");
    expectOrder(hackage, "1.0.0 > 1.0\n2.0 > 1.0.0\n0.1.0.0 = 0.1.0.0");
    expectInvalid(cran, ["1.a", "1..2", "1-"]);
    expectInvalid(hackage, ["1-2", "v1"]);
  });
});

describe("debian", () => {
  it("orders like dpkg", () => {
    expectOrder(
      debian,
      `0.0.0 = 0:0.0.0-0
       1.2.3-1~deb7u1 < 1.2.3-1
       1.0~rc1 < 1.0
       2:0.0.44-1 < 2:0.0.44-nobin
       1:1.0 > 2.0
       1.0+b1 > 1.0
       1.0a < 1.0+b1
       1.0+a < 1.0.a`,
    );
  });
  it("rejects what dpkg refuses", () => {
    expectInvalid(debian, ["1.2.3-not-a-debian:version!@#$", "a:1.0", "1:", "1.0-", "1 0", "1.0_1"]);
  });
  it("keeps a needed epoch when formatting", () => {
    expectFormat(debian, [
      ["0:1.0-1", "1.0-1"],
      ["0:1:2", "0:1:2"],
      ["007:1", "7:1"],
    ]);
  });
});

describe("rpm", () => {
  it("orders like rpmvercmp", () => {
    expectOrder(
      rpm,
      `1.0~rc1 < 1.0
       1.0^git1 > 1.0
       1.0^git1 < 1.01
       5.5p1 < 5.5p10
       xyz.4 < 8
       1.0a < 1.0aa
       10.0001 = 10.1
       01:2 = 1:2
       3 < 1:2
       1 < 1-0
       1-1. = 1-1
       1.1.α < 1.1.a
       1.m+e2:1 < 4.m+e1:1`,
    );
  });
});

describe("alpine", () => {
  it("orders like apk", () => {
    expectOrder(
      alpine,
      `1.2 > 1.2_rc1
       1.2 < 1.2_p1
       1.2_svn2 < 1.2_git1
       1.02 < 1.1
       4.5_p1 < 4.5_p1-r1
       0.1.0_alpha_pre2 < 0.1.0_alpha
       1.0 < 1.0b
       1-r1 = 1-r01
       1 > 1-ruff
       a < b`,
    );
  });
});

describe("every scheme", () => {
  it("refuses blank text with versions.empty", () => {
    for (const scheme of [alpine, cran, debian, hackage, maven, nuget, packagist, pep440, pub, rpm, rubygems, semver]) {
      expectInvalid(scheme, ["", " \t"], "versions.empty");
    }
  });
});
