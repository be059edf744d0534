import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { type GhsaVulnerability, ghsaToOsv, validateOsv } from "./index.ts";

/** A hand-written advisory in GitHub's GraphQL shape. */
function advisory(nodes: GhsaVulnerability[], extra: Record<string, unknown> = {}) {
  return {
    ghsaId: "GHSA-abcd-efgh-ijkl",
    identifiers: [
      { type: "GHSA", value: "GHSA-abcd-efgh-ijkl" },
      { type: "CVE", value: "CVE-2024-12345" },
    ],
    references: [
      { url: "https://github.com/example/repo/security/advisories/GHSA-abcd-efgh-ijkl" },
      { url: "https://nvd.nist.gov/vuln/detail/CVE-2024-12345" },
      { url: "https://github.com/advisories/GHSA-abcd-efgh-ijkl" },
    ],
    description: "Details.",
    summary: "Summary",
    permalink: "https://github.com/advisories/GHSA-abcd-efgh-ijkl",
    publishedAt: "2024-02-01T00:00:00Z",
    updatedAt: "2024-03-01T00:00:00Z",
    withdrawnAt: null,
    cwes: { nodes: [{ cweId: "CWE-79", name: "XSS" }] },
    vulnerabilities: { nodes },
    ...extra,
  };
}

function node(ecosystem: string, name: string, range: string, patched?: string): GhsaVulnerability {
  return {
    package: { ecosystem, name },
    vulnerableVersionRange: range,
    firstPatchedVersion: patched ? { identifier: patched } : null,
  };
}

describe("ghsaToOsv", () => {
  it("maps identity, dates, references and database_specific", () => {
    const result = ghsaToOsv(advisory([node("NPM", "left-pad", ">= 1.0.0, < 1.2.0", "1.2.0")]));
    assert.ok(result.ok);
    const osv = result.value;
    assert.equal(osv.schema_version, "1.5.0");
    assert.equal(osv.id, "GHSA-abcd-efgh-ijkl");
    assert.deepEqual(osv.aliases, ["CVE-2024-12345"]);
    assert.equal(osv.withdrawn, undefined);
    assert.deepEqual(
      osv.references?.map((r) => r.type),
      ["WEB", "ADVISORY", "ADVISORY"],
    );
    assert.deepEqual(osv.affected, [
      {
        package: { ecosystem: "npm", name: "left-pad" },
        ranges: [{ type: "SEMVER", events: [{ introduced: "1.0.0" }, { fixed: "1.2.0" }] }],
        versions: [],
        database_specific: {
          ghsa: "https://github.com/advisories/GHSA-abcd-efgh-ijkl",
          cwes: [{ cweId: "CWE-79", name: "XSS" }],
        },
      },
    ]);
    assert.equal(validateOsv(osv).valid, true);
  });

  it("groups per package, puts introduced 0 first, and lists = versions without a patch", () => {
    const result = ghsaToOsv(
      advisory([
        node("RUBYGEMS", "gem", "= 0.9.1"),
        node("RUBYGEMS", "gem", ">= 2.0, < 2.3", "2.3"),
        node("RUBYGEMS", "gem", "< 1.5", "1.5"),
        node("RUBYGEMS", "gem", "= 3.0.0", "3.0.1"),
        node("PIP", "Zope_Interface.Ext", "<= 4.0", "4.1"),
      ]),
    );
    assert.ok(result.ok);
    const [gem, pip] = result.value.affected ?? [];
    assert.deepEqual(gem?.versions, ["0.9.1"]);
    assert.deepEqual(gem?.ranges, [
      {
        type: "ECOSYSTEM",
        events: [
          { introduced: "0" },
          { introduced: "2.0" },
          { fixed: "2.3" },
          { fixed: "1.5" },
          { introduced: "3.0.0" },
          { fixed: "3.0.1" },
        ],
      },
    ]);
    assert.deepEqual(pip?.package, { ecosystem: "PyPI", name: "zope-interface-ext" });
    assert.deepEqual(pip?.ranges?.[0]?.events, [{ introduced: "0" }, { fixed: "4.1" }]);
  });

  it("leaves <= without a patch open, and = without a patch range-less", () => {
    const result = ghsaToOsv(advisory([node("NPM", "a", "<= 1.2.1"), node("GO", "example.org/b", "= 1.0.0")]));
    assert.ok(result.ok);
    const [a, b] = result.value.affected ?? [];
    assert.deepEqual(a?.ranges, [{ type: "SEMVER", events: [{ introduced: "0" }] }]);
    assert.deepEqual(b?.ranges, []);
    assert.deepEqual(b?.versions, ["1.0.0"]);
  });

  it("starts > ranges at the next version", () => {
    const result = ghsaToOsv(
      advisory([
        node("NPM", "s", "> 2.1.0, < 3.0.0"),
        node("NPM", "p", "> 1.0.0-beta.2"),
        node("MAVEN", "g:a", "> 11.6, < 11.10.13"),
      ]),
    );
    assert.ok(result.ok);
    const starts = (result.value.affected ?? []).map((a) => a.ranges?.[0]?.events[0]);
    assert.deepEqual(starts, [{ introduced: "2.1.1-0" }, { introduced: "1.0.0-beta.3" }, { introduced: "11.6.1" }]);
  });

  it("keeps withdrawn and honours a schema version option", () => {
    const result = ghsaToOsv(advisory([], { withdrawnAt: "2024-04-01T00:00:00Z" }), { schemaVersion: "1.7.0" });
    assert.ok(result.ok);
    assert.equal(result.value.withdrawn, "2024-04-01T00:00:00Z");
    assert.equal(result.value.schema_version, "1.7.0");
    assert.deepEqual(result.value.affected, []);
  });

  it("fails with typed errors on input it cannot read", () => {
    const code = (value: unknown) => {
      const result = ghsaToOsv(value);
      return result.ok ? "ok" : `${result.error.code} ${result.error.path}`;
    };
    assert.equal(code(null), "osv.ghsa_not_object /");
    assert.equal(code({ ...advisory([]), ghsaId: 5 }), "osv.ghsa_invalid_field /ghsaId");
    assert.equal(
      code(advisory([node("CONDA", "x", "< 1")])),
      "osv.ghsa_unknown_ecosystem /vulnerabilities/nodes/0/package/ecosystem",
    );
    assert.equal(
      code(advisory([node("NPM", "x", "~1.0")])),
      "osv.ghsa_bad_range /vulnerabilities/nodes/0/vulnerableVersionRange",
    );
    assert.equal(
      code(advisory([node("NPM", "x", "= 1, < 2")])),
      "osv.ghsa_bad_range /vulnerabilities/nodes/0/vulnerableVersionRange",
    );
    assert.equal(
      code(advisory([node("PIP", "x", "> 1.0rc1")])),
      "osv.ghsa_unsupported_range /vulnerabilities/nodes/0/vulnerableVersionRange",
    );
  });

  it("never throws on arbitrary or mutated input", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = ghsaToOsv(value);
        if (!result.ok) assert.match(result.error.code, /^osv\.ghsa_/);
      }),
      { numRuns: 300 },
    );
    const keys = ["ghsaId", "identifiers", "references", "vulnerabilities", "cwes", "withdrawnAt", "summary"];
    fc.assert(
      fc.property(fc.constantFrom(...keys), fc.jsonValue({ maxDepth: 3 }), fc.string(), (key, replacement, range) => {
        const mutated = ghsaToOsv({ ...advisory([node("NPM", "x", range, "1.0.0")]), [key]: replacement });
        if (!mutated.ok) assert.match(mutated.error.code, /^osv\.ghsa_/);
      }),
      { numRuns: 300 },
    );
  });
});
