import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { emitOsvJson, type OsvVulnerability, parseOsvJson, parseOsvValue, parseOsvYaml, validateOsv } from "./index.ts";

const sample: OsvVulnerability = {
  schema_version: "1.7.0",
  id: "GHSA-aaaa-bbbb-cccc",
  modified: "2024-05-01T10:00:00Z",
  published: "2024-04-01T10:00:00Z",
  aliases: ["CVE-2024-0001"],
  summary: "Example flaw",
  details: "A flaw in **example**.",
  severity: [{ type: "CVSS_V3", score: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" }],
  affected: [
    {
      package: { ecosystem: "npm", name: "example", purl: "pkg:npm/example" },
      ranges: [{ type: "SEMVER", events: [{ introduced: "0" }, { fixed: "1.2.3" }] }],
      versions: ["1.0.0"],
      database_specific: { source: "test", count: 3 },
    },
  ],
  references: [{ type: "ADVISORY", url: "https://example.org/advisory/1" }],
  credits: [{ name: "Finder", type: "FINDER" }],
};

function errorCode<T>(result: { ok: true; value: T } | { ok: false; error: { code: string } }): string {
  return result.ok ? "ok" : result.error.code;
}

describe("OSV parse and validate", () => {
  it("accepts a valid document from JSON text and from a value", () => {
    const parsed = parseOsvJson(JSON.stringify(sample));
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.value, sample);
    assert.ok(parseOsvValue(structuredClone(sample)).ok);
    assert.deepEqual(validateOsv(sample), { valid: true, errors: [], warnings: [] });
  });

  it("reports syntax errors as osv.invalid_json / osv.invalid_yaml", () => {
    assert.equal(errorCode(parseOsvJson("{")), "osv.invalid_json");
    assert.equal(errorCode(parseOsvYaml("id: [unclosed")), "osv.invalid_yaml");
    assert.equal(errorCode(parseOsvYaml("id: a\nid: b\n")), "osv.invalid_yaml");
    assert.equal(errorCode(parseOsvYaml("a: 1\n---\nb: 2\n")), "osv.invalid_yaml");
  });

  it("names the member at fault for schema errors", () => {
    const { id: _id, ...noId } = sample;
    const missing = parseOsvValue(noId);
    assert.ok(!missing.ok);
    assert.equal(missing.error.code, "osv.schema_required");
    assert.equal(missing.error.path, "/id");

    const badTime = parseOsvValue({ ...sample, modified: "yesterday" });
    assert.ok(!badTime.ok);
    assert.equal(badTime.error.path, "/modified");

    const extra = parseOsvValue({ ...sample, surprise: true });
    assert.ok(!extra.ok);
    assert.equal(extra.error.code, "osv.schema_additionalProperties");
    assert.equal(extra.error.path, "/surprise");

    const shortCommit = parseOsvValue({
      ...sample,
      affected: [
        {
          ranges: [
            { type: "GIT", repo: "https://example.org/r.git", events: [{ introduced: "0" }, { fixed: "abc123" }] },
          ],
        },
      ],
    });
    assert.ok(!shortCommit.ok);
    assert.equal(shortCommit.error.code, "osv.schema_pattern");
    assert.equal(shortCommit.error.path, "/affected/0/ranges/0/events/1/fixed");

    const both = parseOsvValue({
      ...sample,
      affected: [
        {
          package: { ecosystem: "PyPI", name: "x" },
          ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "0" }, { fixed: "1" }, { last_affected: "0.9" }] }],
        },
      ],
    });
    assert.ok(!both.ok);
  });

  it("rejects values JSON cannot carry", () => {
    const result = parseOsvValue({ ...sample, database_specific: { when: new Date(0) } });
    assert.ok(!result.ok);
    assert.equal(result.error.code, "osv.not_json");
    assert.equal(result.error.path, "/database_specific/when");
  });

  it("warns about what the schema allows but the specification advises against", () => {
    const report = validateOsv({
      ...sample,
      modified: "2024-01-01T00:00:00Z",
      aliases: ["CVE-1", "CVE-1"],
      affected: [
        { ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "0" }] }] },
        { package: { ecosystem: "Go", name: "m" }, ranges: [{ type: "SEMVER", events: [{ introduced: "v1.0.0" }] }] },
      ],
    });
    assert.equal(report.valid, true);
    assert.deepEqual(
      report.warnings.map((w) => w.code),
      ["osv.modified_before_published", "osv.duplicate_alias", "osv.range_without_package", "osv.invalid_semver_event"],
    );
  });
});

describe("OSV YAML", () => {
  it("keeps unquoted version-like numbers as their source text outside free-form members", () => {
    const yaml = [
      "id: PYSEC-2024-1",
      "modified: 2024-01-02T03:04:05Z",
      "affected:",
      "- package:",
      "    ecosystem: PyPI",
      "    name: example",
      "  ranges:",
      "  - type: ECOSYSTEM",
      "    events:",
      "    - introduced: 0",
      "    - fixed: 1.10",
      "  versions:",
      "  - 1.0",
      "  - 1.10",
      "  database_specific:",
      "    score: 1.50",
      "    flag: true",
      "",
    ].join("\n");
    const parsed = parseOsvYaml(yaml);
    assert.ok(parsed.ok, parsed.ok ? "" : parsed.error.message);
    const affected = parsed.value.affected?.[0];
    assert.deepEqual(affected?.versions, ["1.0", "1.10"]);
    assert.deepEqual(affected?.ranges?.[0]?.events, [{ introduced: "0" }, { fixed: "1.10" }]);
    assert.deepEqual(affected?.database_specific, { score: 1.5, flag: true });
    assert.equal(parsed.value.modified, "2024-01-02T03:04:05Z");
  });
});

describe("OSV emit", () => {
  it("writes members in the specification's order and round-trips", () => {
    const shuffled = Object.fromEntries(Object.entries(sample).reverse()) as unknown as OsvVulnerability;
    const text = emitOsvJson(shuffled);
    assert.equal(text, emitOsvJson(sample));
    assert.ok(text.startsWith('{\n  "schema_version": "1.7.0",\n  "id": "GHSA-aaaa-bbbb-cccc",\n  "modified"'));
    assert.ok(text.endsWith("}\n"));
    const again = parseOsvJson(text);
    assert.ok(again.ok);
    assert.deepEqual(again.value, sample);
  });
});

/** Arbitrary valid OSV documents, for round-trip properties. */
const versionArb = fc.stringMatching(/^[0-9]{1,3}(\.[0-9]{1,3}){0,2}$/);
const osvArb: fc.Arbitrary<OsvVulnerability> = fc.record(
  {
    id: fc.stringMatching(/^(GHSA|PYSEC|GO|OSV)-[A-Za-z0-9-]{1,12}$/),
    modified: fc.date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true }).map((d) => d.toISOString()),
    aliases: fc.array(fc.string(), { maxLength: 3 }),
    summary: fc.string(),
    details: fc.string(),
    affected: fc.array(
      fc.record(
        {
          package: fc.record(
            { ecosystem: fc.constantFrom("PyPI", "npm", "Go", "Debian:12"), name: fc.string({ minLength: 1 }) },
            { noNullPrototype: true },
          ),
          ranges: fc.array(
            fc.record(
              {
                type: fc.constantFrom("ECOSYSTEM" as const, "SEMVER" as const),
                events: fc
                  .tuple(versionArb, fc.option(versionArb, { nil: undefined }))
                  .map(([introduced, fixed]) => (fixed === undefined ? [{ introduced }] : [{ introduced }, { fixed }])),
              },
              { noNullPrototype: true },
            ),
            { maxLength: 2 },
          ),
          versions: fc.array(versionArb, { maxLength: 3 }),
          database_specific: fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 }), {
            maxKeys: 3,
            noNullPrototype: true,
          }),
        },
        { noNullPrototype: true },
      ),
      { maxLength: 3 },
    ),
  },
  { requiredKeys: ["id", "modified"], noNullPrototype: true },
) as fc.Arbitrary<OsvVulnerability>;

describe("OSV fuzz", () => {
  it("never throws on arbitrary text", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        for (const result of [parseOsvJson(text), parseOsvYaml(text)]) {
          if (!result.ok) assert.match(result.error.code, /^osv\./);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("never throws on arbitrary JSON values", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = parseOsvValue(value);
        if (!result.ok) assert.match(result.error.code, /^osv\./);
      }),
      { numRuns: 500 },
    );
  });

  it("never throws on mutations of a valid document", () => {
    const paths = ["id", "modified", "affected", "aliases", "references", "severity", "summary"];
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.jsonValue({ maxDepth: 3 }), (key, replacement) => {
        const result = parseOsvValue({ ...structuredClone(sample), [key]: replacement });
        if (!result.ok) assert.match(result.error.code, /^osv\./);
        const yaml = parseOsvYaml(JSON.stringify({ ...sample, [key]: replacement }));
        if (!yaml.ok) assert.match(yaml.error.code, /^osv\./);
      }),
      { numRuns: 400 },
    );
  });

  it("round-trips valid documents through emit and parse", () => {
    fc.assert(
      fc.property(osvArb, (osv) => {
        const first = parseOsvValue(osv);
        assert.ok(first.ok, first.ok ? "" : first.error.message);
        const text = emitOsvJson(first.value);
        const again = parseOsvJson(text);
        assert.ok(again.ok);
        assert.deepEqual(again.value, osv);
        assert.equal(emitOsvJson(again.value), text);
        const yaml = parseOsvYaml(text);
        assert.ok(yaml.ok);
        assert.equal(emitOsvJson(yaml.value), text);
      }),
      { numRuns: 300 },
    );
  });
});
