import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  compileVers,
  formatVers,
  normalizeVers,
  parseVers,
  simplifyVers,
  type VersRange,
  validateVers,
  versContains,
  versFromNative,
} from "./index.ts";

function range(input: string): VersRange {
  const result = normalizeVers(input);
  assert.ok(result.ok, `expected ${input} to read: ${result.ok ? "" : result.error.message}`);
  return result.value;
}

function code(result: { ok: true } | { ok: false; error: { code: string } }): string {
  return result.ok ? "ok" : result.error.code;
}

function contains(vers: string, version: string): boolean {
  const result = versContains(vers, version);
  assert.ok(result.ok, `${vers} / ${version}: ${result.ok ? "" : result.error.message}`);
  return result.value;
}

function fromNative(scheme: string, native: string): string {
  const result = versFromNative(scheme, native);
  assert.ok(result.ok, `${scheme} ${native}: ${result.ok ? "" : result.error.message}`);
  return formatVers(result.value);
}

describe("parseVers (canonical)", () => {
  it("reads a canonical range and decodes versions once", () => {
    assert.deepEqual(parseVers("vers:npm/>=1.0.0|<2.0.0"), {
      ok: true,
      value: {
        scheme: "npm",
        constraints: [
          { comparator: ">=", version: "1.0.0" },
          { comparator: "<", version: "2.0.0" },
        ],
      },
    });
    assert.deepEqual(parseVers("vers:npm/1.0%252F0"), {
      ok: true,
      value: { scheme: "npm", constraints: [{ comparator: "=", version: "1.0%2F0" }] },
    });
    assert.equal(code(parseVers("vers:deb/*")), "ok");
  });

  it("rejects non-canonical input with a stable code", () => {
    const cases: Array<[string, string]> = [
      ["npm/1.0", "vers.missing_scheme"],
      ["vers:npm", "vers.missing_constraints"],
      ["vers:npm/", "vers.missing_constraints"],
      ["vers:NPM/1.0.0", "vers.invalid_type"],
      ["vers:npm/>=1.0.0| <2.0.0", "vers.whitespace"],
      ["vers:npm/|1.0.0", "vers.leading_pipe"],
      ["vers:npm/1.0.0|", "vers.trailing_pipe"],
      ["vers:npm/1.0.0||2.0.0", "vers.consecutive_pipes"],
      ["vers:npm/=1.0.0", "vers.explicit_equality"],
      ["vers:npm/>=", "vers.empty_version"],
      ["vers:npm/*|1.0.0", "vers.unencoded_character"],
      ["vers:npm/1.0%2G0", "vers.invalid_encoding"],
      ["vers:npm/1.0%2f0", "vers.non_canonical_encoding"],
      ["vers:npm/>=2.0.0|<1.0.0", "vers.unsorted"],
      ["vers:npm/1.0.0|>=1.0.0", "vers.duplicate_version"],
      ["vers:npm/>=1.0.0|>=2.0.0", "vers.invalid_sequence"],
      ["vers:npm/1.0.0|<2.0.0", "vers.invalid_sequence"],
      ["vers:datetime/2024-01-01t00:00:00z", "vers.non_canonical_version"],
      ["vers:datetime/2024-01-01T00%3A00%3A00Z", "vers.non_canonical_encoding"],
      ["vers:deb/1.0%2Bb1", "vers.non_canonical_encoding"],
      ["vers:invalid/1.0", "vers.invalid_type"],
      ["vers:all/1.0", "vers.star_only"],
      ["vers:npm/\uD800", "vers.invalid_character"],
    ];
    for (const [input, expected] of cases) assert.equal(code(parseVers(input)), expected, input);
  });

  it("accepts the valid comparator sequences of clause 5.4", () => {
    for (const input of [
      "vers:pypi/!=0.0.1|>0.1",
      "vers:pypi/<=0.0.1|>0.1",
      "vers:pypi/0.0.1|>0.1",
      "vers:gem/>=2.2.0|!=2.2.1|<2.3.0",
      "vers:npm/1.2.3|>=2.0.0|<5.0.0",
    ]) {
      assert.equal(code(parseVers(input)), "ok", input);
    }
  });

  it("keeps the written order of reserved types and accepts unregistered ones", () => {
    assert.equal(code(parseVers("vers:example/2|1")), "ok");
    assert.equal(code(parseVers("vers:acme/2|1")), "ok");
  });
});

describe("normalizeVers and formatVers", () => {
  it("sorts by version, ties by comparator, and keeps duplicates", () => {
    assert.equal(formatVers(range("vers:pypi/0.0.2|>=0.0.1|>=0.0.1|<0.0.1")), "vers:pypi/<0.0.1|>=0.0.1|>=0.0.1|0.0.2");
  });

  it("folds the type's case and re-encodes versions canonically", () => {
    assert.equal(formatVers(range("vers:Generic/a%7cb|c%25d")), "vers:generic/a%7Cb|c%25d");
    assert.equal(formatVers(range("vers:lexicographic/\u00e9")), "vers:lexicographic/%C3%A9");
  });

  it("reports versions the scheme cannot read", () => {
    assert.equal(code(normalizeVers("vers:gentoo/1.0|not-a-version")), "vers.invalid_version");
  });
});

describe("simplifyVers", () => {
  it("removes redundant constraints as the vers spec describes", () => {
    const simplify = (input: string) => {
      const result = simplifyVers(range(input));
      assert.ok(result.ok);
      return formatVers(result.value);
    };
    assert.equal(simplify("vers:npm/>=1.0.0|>=2.0.0|<3.0.0"), "vers:npm/>=1.0.0|<3.0.0");
    assert.equal(simplify("vers:npm/1.0.0|<2.0.0|<=3.0.0"), "vers:npm/<=3.0.0");
    assert.equal(simplify("vers:npm/>=1.0.0|1.5.0|!=1.7.0|<2.0.0"), "vers:npm/>=1.0.0|!=1.7.0|<2.0.0");
    assert.equal(simplify("vers:pypi/1.0|1.0|2.0"), "vers:pypi/1.0|2.0");
  });
});

describe("versContains", () => {
  it("follows the spec's containment procedure", () => {
    assert.equal(contains("vers:npm/*", "1.0.0"), true);
    assert.equal(contains("vers:none/*", "1.0.0"), false);
    assert.equal(contains("vers:npm/>=1.0.0|<2.0.0", "1.5.0"), true);
    assert.equal(contains("vers:npm/>=1.0.0|<2.0.0", "2.0.0"), false);
    assert.equal(contains("vers:npm/>=1.0.0|<=2.0.0", "2.0.0"), true);
    assert.equal(contains("vers:npm/<1.0.0|>=2.0.0", "1.5.0"), false);
    assert.equal(contains("vers:npm/<1.0.0|>=2.0.0", "3.0.0"), true);
    assert.equal(contains("vers:npm/>=1.0.0|!=1.5.0|<2.0.0", "1.5.0"), false);
    assert.equal(contains("vers:pypi/<0.0.2", "0.0.0.1"), true);
    assert.equal(contains("vers:pypi/1.0|2.0", "1.0.0"), true);
    assert.equal(contains("vers:deb/>=1:1.0-1", "1:2.0-1"), true);
    assert.equal(contains("vers:deb/>=1:1.0-1", "2.0-1"), false);
    assert.equal(contains("vers:gentoo/>=1.0_rc1|<1.0", "1.0_rc2"), true);
  });

  it("compiles once for repeated checks", () => {
    const compiled = compileVers(range("vers:maven/1.0|>=2.0|<3.0"));
    assert.ok(compiled.ok);
    assert.deepEqual(
      ["1.0", "1.5", "2.5", "3.0"].map((v) => compiled.value.contains(v)),
      [
        { ok: true, value: true },
        { ok: true, value: false },
        { ok: true, value: true },
        { ok: true, value: false },
      ],
    );
  });

  it("returns errors for unreadable versions and types without an order", () => {
    assert.equal(code(versContains("vers:gentoo/>=1.0", "x")), "vers.invalid_version");
    assert.equal(code(versContains("vers:acme/>=1.0", "1.0")), "vers.unordered_type");
    assert.equal(code(versContains("vers:invalid/*", "1.0")), "vers.invalid_type");
  });
});

describe("validateVers", () => {
  it("reports clause 5.4 errors and warnings", () => {
    const unsorted = validateVers("vers:npm/>=2.0.0|<1.0.0");
    assert.equal(unsorted.valid, false);
    assert.equal(unsorted.errors[0]?.code, "vers.unsorted");
    assert.deepEqual(
      validateVers("vers:acme/1").warnings.map((w) => w.code),
      ["vers.unregistered_type"],
    );
    assert.deepEqual(
      validateVers("vers:NPM/1.0.0").warnings.map((w) => w.code),
      ["vers.invalid_type"],
    );
    assert.deepEqual(validateVers("vers:npm/1.0.0"), { valid: true, errors: [], warnings: [] });
  });
});

describe("versFromNative", () => {
  it("converts npm ranges to the flat vers form", () => {
    assert.equal(fromNative("npm", "^1.2.9"), "vers:npm/>=1.2.9|<2.0.0");
    assert.equal(fromNative("npm", "^0.0.2-beta"), "vers:npm/>=0.0.2-beta|<0.0.3");
    assert.equal(fromNative("npm", "~1.6.5 || >=1.7.2"), "vers:npm/>=1.6.5|<1.7.0|>=1.7.2");
    assert.equal(fromNative("npm", ">= 2.2.x"), "vers:npm/>=2.2.0|<2.3.0");
    assert.equal(fromNative("npm", "5.0.0 - 7.2.3"), "vers:npm/>=5.0.0|<=7.2.3");
    assert.equal(fromNative("npm", "<=2.1 >=1.1"), "vers:npm/>=1.1.0|<=2.1.0");
    assert.equal(fromNative("npm", "=v3.0.0-rc.1"), "vers:npm/3.0.0-rc.1");
    assert.equal(fromNative("npm", "* || 1.0.0"), "vers:npm/*");
    assert.equal(code(versFromNative("npm", ">=banana")), "vers.invalid_native_range");
  });

  it("converts PyPI, RubyGems and NuGet ranges", () => {
    assert.equal(fromNative("pypi", ">= 1.0, != 1.5, <2"), "vers:pypi/>=1.0|!=1.5|<2");
    assert.equal(fromNative("pypi", "~=2.2"), "vers:pypi/>=2.2|<3.dev0");
    assert.equal(fromNative("pypi", "==1.2.*"), "vers:pypi/>=1.2.dev0|<1.3.dev0");
    assert.equal(code(versFromNative("pypi", "!=1.2.*")), "vers.invalid_native_range");
    assert.equal(fromNative("gem", "~> 2.0.8"), "vers:gem/>=2.0.8|<2.1");
    assert.equal(fromNative("gem", "~> 3.0.0.rc1"), "vers:gem/>=3.0.0.rc1|<3.1");
    assert.equal(fromNative("nuget", "[1.0.0, 2.0.0)"), "vers:nuget/>=1.0.0|<2.0.0");
    assert.equal(fromNative("nuget", "(,1.0]"), "vers:nuget/<=1.0");
    assert.equal(fromNative("nuget", "[1.0]"), "vers:nuget/1.0");
    assert.equal(fromNative("nuget", "1.0"), "vers:nuget/>=1.0");
  });

  it("converts nginx, OpenSSL and Conan ranges", () => {
    assert.equal(fromNative("nginx", "1.5.0+, 1.4.1+"), "vers:nginx/>=1.4.1|<1.5.0|>=1.5.0");
    assert.equal(fromNative("nginx", "0.7.52-0.8.39"), "vers:nginx/>=0.7.52|<=0.8.39");
    assert.equal(fromNative("openssl", "3.0.0, 1.0.1b"), "vers:openssl/1.0.1b|3.0.0");
    assert.equal(fromNative("conan", ">1 <2.0 || ^3.2 "), "vers:conan/>1|<2.0|>=3.2|<4-");
    assert.equal(fromNative("conan", "~1.1.2-"), "vers:conan/>=1.1.2|<1.2-");
    assert.equal(fromNative("conan", "*, include_prerelease=True"), "vers:conan/>=0.0.0");
    assert.equal(code(versFromNative("cobol", "1.0")), "vers.unsupported_native_type");
  });
});
