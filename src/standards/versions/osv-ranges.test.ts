import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { compileOsvAffected, evaluateOsvAffected, type OsvAffectedInput, type OsvVerdict } from "./index.ts";

function verdict(affected: OsvAffectedInput, version: string): OsvVerdict {
  const r = evaluateOsvAffected(affected, version);
  assert.ok(r.ok, r.ok ? "" : `${r.error.code}: ${r.error.message}`);
  return r.value;
}

function status(affected: OsvAffectedInput, version: string): string {
  return verdict(affected, version).status;
}

function errorOf(affected: OsvAffectedInput, version: string): { code: string; path?: string } {
  const r = evaluateOsvAffected(affected, version);
  assert.ok(!r.ok, "expected an error");
  return { code: r.error.code, ...(r.error.path === undefined ? {} : { path: r.error.path }) };
}

const npm = (events: object[], extra: Partial<OsvAffectedInput> = {}): OsvAffectedInput => ({
  package: { ecosystem: "npm", name: "x" },
  ranges: [{ type: "ECOSYSTEM", events }],
  ...extra,
});

describe("OSV range evaluation", () => {
  it('treats introduced "0" as the start of time', () => {
    const a = npm([{ introduced: "0" }]);
    assert.equal(status(a, "0.0.0-alpha"), "affected");
    assert.equal(status(a, "99.0.0"), "affected");
  });

  it("includes introduced and excludes fixed", () => {
    const a = npm([{ introduced: "1.0.0" }, { fixed: "1.0.2" }]);
    assert.equal(status(a, "0.9.9"), "not_affected");
    assert.equal(status(a, "1.0.0"), "affected");
    assert.equal(status(a, "1.0.2-rc.1"), "affected");
    assert.equal(status(a, "1.0.2"), "not_affected");
  });

  it("sorts events by version before walking them", () => {
    const a = npm([{ fixed: "3.2.5" }, { introduced: "3.0.0" }, { fixed: "1.0.2" }, { introduced: "1.0.0" }]);
    assert.equal(status(a, "1.0.1"), "affected");
    assert.equal(status(a, "2.0.0"), "not_affected");
    assert.equal(status(a, "3.1.0"), "affected");
    assert.equal(status(a, "3.2.5"), "not_affected");
  });

  it("handles several introduced events in one range", () => {
    const a = npm([{ introduced: "1.0.0" }, { introduced: "2.0.0" }, { fixed: "2.5.0" }]);
    assert.equal(status(a, "1.5.0"), "affected");
    assert.equal(status(a, "2.4.0"), "affected");
    assert.equal(status(a, "2.5.0"), "not_affected");
  });

  it("keeps last_affected inclusive", () => {
    const a = npm([{ introduced: "0" }, { last_affected: "1.4.0" }]);
    assert.equal(status(a, "1.4.0"), "affected");
    assert.equal(status(a, "1.4.1"), "not_affected");
  });

  it("applies limits: below at least one, '*' is infinity", () => {
    const limited = npm([{ introduced: "1.0.0" }, { limit: "1.5.0" }, { limit: "1.2.0" }]);
    assert.equal(status(limited, "1.3.0"), "affected");
    assert.equal(status(limited, "1.5.0"), "not_affected");
    const starred = npm([{ introduced: "1.0.0" }, { limit: "1.2.0" }, { limit: "*" }]);
    assert.equal(status(starred, "9.0.0"), "affected");
  });

  it("opens and closes at the same version as an empty range", () => {
    assert.equal(status(npm([{ introduced: "1.0.0" }, { fixed: "1.0.0" }]), "1.0.0"), "not_affected");
  });

  it("counts a listed version as affected, by exact text", () => {
    const a = npm([{ introduced: "0" }, { fixed: "1.0.0" }], { versions: ["5.0.0"] });
    assert.deepEqual(verdict(a, "5.0.0"), { status: "affected", via: "versions" });
    assert.deepEqual(verdict(a, "0.5.0"), { status: "affected", via: "range", range: 0 });
    assert.equal(status(a, "5.0.1"), "not_affected");
    assert.equal(status({ package: { ecosystem: "Linux" }, versions: ["6.1"] }, "6.1"), "affected");
  });

  it("uses the ecosystem's order for ECOSYSTEM ranges, with suffixes", () => {
    const deb: OsvAffectedInput = {
      package: { ecosystem: "Debian:12", name: "curl" },
      ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "0" }, { fixed: "7.88.1-10+deb12u1" }] }],
    };
    assert.equal(status(deb, "7.88.1-10"), "affected");
    assert.equal(status(deb, "7.88.1-10+deb12u1"), "not_affected");
    assert.equal(status(deb, "1:7.0"), "not_affected");
    const pypi: OsvAffectedInput = {
      package: { ecosystem: "PyPI", name: "x" },
      ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "1.0" }, { fixed: "1.1" }] }],
    };
    assert.equal(status(pypi, "1.1rc1"), "affected");
    assert.equal(status(pypi, "1.1.0"), "not_affected");
  });

  it("uses SemVer for SEMVER ranges whatever the ecosystem", () => {
    const go: OsvAffectedInput = {
      package: { ecosystem: "Go", name: "example.com/m" },
      ranges: [{ type: "SEMVER", events: [{ introduced: "0" }, { fixed: "1.2.0" }] }],
    };
    assert.equal(status(go, "1.2.0-rc.1"), "affected");
    assert.equal(status({ ...go, package: { ecosystem: "GIT" } }, "1.1.9"), "affected");
  });

  it("reports GIT ranges as undetermined instead of guessing", () => {
    const a: OsvAffectedInput = {
      ranges: [{ type: "GIT", repo: "https://example.com/r", events: [{ introduced: "0" }, { fixed: "abc" }] }],
      versions: ["v1.0"],
    };
    assert.deepEqual(verdict(a, "v0.9"), { status: "undetermined", ranges: [0] });
    assert.equal(status(a, "v1.0"), "affected");
    const mixed = npm([{ introduced: "0" }, { fixed: "1.0.0" }], {
      ranges: [
        { type: "GIT", repo: "r", events: [{ introduced: "0" }] },
        { type: "ECOSYSTEM", events: [{ introduced: "0" }, { fixed: "1.0.0" }] },
      ],
    });
    assert.deepEqual(verdict(mixed, "0.1.0"), { status: "affected", via: "range", range: 1 });
    assert.deepEqual(verdict(mixed, "2.0.0"), { status: "undetermined", ranges: [0] });
  });

  it("leaves ECOSYSTEM ranges of unordered ecosystems undetermined", () => {
    const a: OsvAffectedInput = {
      package: { ecosystem: "Android" },
      ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "13" }] }],
    };
    assert.deepEqual(verdict(a, "14"), { status: "undetermined", ranges: [0] });
  });

  it("reports malformed entries with the path of the problem", () => {
    assert.deepEqual(errorOf(npm([{ introduced: "1.0.0", fixed: "2.0.0" }]), "1.0.0"), {
      code: "versions.osv_invalid_event",
      path: "/ranges/0/events/0",
    });
    assert.deepEqual(errorOf(npm([{ fixed: "2.0.0" }]), "1.0.0"), {
      code: "versions.osv_missing_introduced",
      path: "/ranges/0/events",
    });
    assert.deepEqual(errorOf(npm([{ introduced: "0" }, { fixed: "not a version" }]), "1.0.0"), {
      code: "versions.invalid_version",
      path: "/ranges/0/events/1/fixed",
    });
    assert.deepEqual(errorOf(npm([{ introduced: "0" }]), "x.y"), { code: "versions.invalid_version", path: "version" });
    assert.deepEqual(
      errorOf({ package: { ecosystem: "npmjs" }, ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "0" }] }] }, "1"),
      {
        code: "versions.unknown_ecosystem",
        path: "/package/ecosystem",
      },
    );
    assert.deepEqual(errorOf({ ranges: [{ type: "SEMVERISH", events: [{ introduced: "0" }] }] }, "1.0.0"), {
      code: "versions.osv_unknown_range_type",
      path: "/ranges/0/type",
    });
  });

  it("compiles once for many versions", () => {
    const compiled = compileOsvAffected(npm([{ introduced: "2.0.0" }, { fixed: "2.3.0" }]));
    assert.ok(compiled.ok);
    const hits = ["1.9.9", "2.0.0", "2.2.9", "2.3.0"].map((v) => compiled.value.evaluate(v));
    assert.deepEqual(
      hits.map((h) => (h.ok ? h.value.status : h.error.code)),
      ["not_affected", "affected", "affected", "not_affected"],
    );
  });

  it("never throws on arbitrary entries", () => {
    const event = fc.dictionary(
      fc.constantFrom("introduced", "fixed", "last_affected", "limit", "x"),
      fc.oneof(fc.string(), fc.constant("0")),
      {
        maxKeys: 2,
      },
    );
    const range = fc.record({
      type: fc.constantFrom("SEMVER", "ECOSYSTEM", "GIT", "?"),
      events: fc.array(event, { maxLength: 4 }),
    });
    const entry = fc.record({
      package: fc.record({
        ecosystem: fc.constantFrom("npm", "PyPI", "Debian:12", "Alpine:v3.18", "Linux", "nope", "Root:PyPI"),
      }),
      ranges: fc.array(range, { maxLength: 3 }),
      versions: fc.array(fc.string(), { maxLength: 3 }),
    });
    fc.assert(
      fc.property(entry, fc.string(), (affected, version) => {
        const r = evaluateOsvAffected(affected as OsvAffectedInput, version);
        if (!r.ok) assert.match(r.error.code, /^versions\./);
      }),
      { numRuns: 500 },
    );
  });
});
