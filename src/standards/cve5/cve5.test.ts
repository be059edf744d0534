import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
  buildCveRecord,
  type CnaPublishedContainer,
  type CveRecordInput,
  emitCveJson,
  parseCveJson,
  parseCveValue,
  validateCveContainer,
  validateCveRecord,
} from "./index.ts";

const ORG = "b3476cb9-2e3d-41a6-98d0-0f47421a65b6";

const input: CveRecordInput = {
  id: "CVE-2025-10001",
  assigner: { orgId: ORG, shortName: "aicc" },
  title: "Command injection in Example Router admin page",
  descriptions: "Command injection in the admin page of Example Router before 2.4.1 allows remote code execution.",
  affected: [
    {
      vendor: "Example",
      product: "Router",
      versions: [{ version: "2.0.0", lessThan: "2.4.1", versionType: "semver" }, "1.9.9"],
    },
  ],
  cwes: [{ id: "CWE-78", name: "OS Command Injection" }],
  cvss: [
    { vectorString: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", baseScore: 9.8 },
    { vectorString: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", baseScore: 9.3 },
  ],
  references: ["https://example.org/security/ESA-2025-01", { url: "https://example.org/fix", tags: ["patch"] }],
  dates: { reserved: "2025-01-02T00:00:00Z", published: "2025-02-03T00:00:00Z", updated: "2025-02-03T00:00:00Z" },
};

describe("buildCveRecord", () => {
  it("builds a valid published record", () => {
    const result = buildCveRecord(input);
    assert.ok(result.ok, result.ok ? "" : `${result.error.code} ${result.error.message}`);
    const record = result.value;
    assert.equal(record.cveMetadata.state, "PUBLISHED");
    assert.equal(record.cveMetadata.cveId, "CVE-2025-10001");
    assert.ok(record.cveMetadata.state === "PUBLISHED" && "affected" in record.containers.cna);
    const cna = record.containers.cna as CnaPublishedContainer;
    assert.deepEqual(cna.affected[0]?.versions, [
      { version: "2.0.0", status: "affected", versionType: "semver", lessThan: "2.4.1" },
      { version: "1.9.9", status: "affected" },
    ]);
    assert.equal(cna.affected[0]?.defaultStatus, "unaffected");
    assert.deepEqual(cna.problemTypes, [
      { descriptions: [{ lang: "en", cweId: "CWE-78", description: "CWE-78 OS Command Injection", type: "CWE" }] },
    ]);
    assert.equal(cna.metrics?.[0]?.cvssV3_1?.baseSeverity, "CRITICAL");
    assert.equal(cna.metrics?.[1]?.cvssV4_0?.baseSeverity, "CRITICAL");
    assert.deepEqual(validateCveRecord(record), { valid: true, errors: [], warnings: [] });
  });

  it("builds a rejected record", () => {
    const result = buildCveRecord({
      id: "CVE-2025-10002",
      state: "REJECTED",
      assigner: { orgId: ORG },
      descriptions: "Duplicate of CVE-2025-10001.",
      replacedBy: ["CVE-2025-10001"],
      dates: { rejected: "2025-03-01T00:00:00Z" },
    });
    assert.ok(result.ok, result.ok ? "" : result.error.message);
    assert.equal(result.value.cveMetadata.state, "REJECTED");
    assert.deepEqual(validateCveContainer(result.value.containers.cna).valid, true);
  });

  it("reports what is wrong with the input", () => {
    const badId = buildCveRecord({ ...input, id: "CVE-25-1" });
    assert.ok(!badId.ok);
    assert.equal(badId.error.code, "cve5.schema_pattern");
    assert.equal(badId.error.path, "/cveMetadata/cveId");

    const noReferences = buildCveRecord({ ...input, references: [] });
    assert.ok(!noReferences.ok);
    assert.equal(noReferences.error.path, "/containers/cna/references");

    const oddVector = buildCveRecord({ ...input, cvss: [{ vectorString: "CVSS:9.9/AV:N", baseScore: 1 }] });
    assert.ok(!oddVector.ok);
    assert.equal(oddVector.error.code, "cve5.unknown_cvss_version");

    const twice = buildCveRecord({ ...input, affected: [{ vendor: "V", product: "P", versions: ["1.0", "1.0"] }] });
    assert.ok(!twice.ok);
    assert.equal(twice.error.code, "cve5.schema_uniqueItems");
    assert.equal(twice.error.path, "/containers/cna/affected/0/versions");

    const noAssigner = buildCveRecord({ ...input, assigner: { orgId: undefined as unknown as string } });
    assert.ok(!noAssigner.ok);
    assert.equal(noAssigner.error.code, "cve5.schema_required");

    const noEnglish = buildCveRecord({ ...input, descriptions: [{ lang: "fr", value: "Injection de commande." }] });
    assert.ok(!noEnglish.ok);
  });
});

describe("CVE parse, validate, emit", () => {
  const built = buildCveRecord(input);
  assert.ok(built.ok);
  const record = built.value;

  it("round-trips through emit and parse with a stable text", () => {
    const text = emitCveJson(record);
    assert.ok(text.startsWith('{\n  "dataType": "CVE_RECORD",\n  "dataVersion": "5.1",\n  "cveMetadata"'));
    const again = parseCveJson(text);
    assert.ok(again.ok);
    assert.deepEqual(again.value, record);
    assert.equal(emitCveJson(again.value), text);
  });

  it("validates lone containers against their own definitions", () => {
    assert.equal(validateCveContainer(record.containers.cna).valid, true);
    const { references: _r, ...noReferences } = record.containers.cna as unknown as Record<string, unknown>;
    const report = validateCveContainer(noReferences);
    assert.equal(report.valid, false);
    assert.equal(report.errors[0]?.path, "/references");
    assert.equal(validateCveContainer({ providerMetadata: { orgId: ORG }, title: "ADP note" }, "adp").valid, true);
  });

  it("warns about duplicate reference URLs and dates out of order", () => {
    const copy = structuredClone(record) as unknown as {
      cveMetadata: Record<string, unknown>;
      containers: { cna: { references: { url: string; name?: string }[] } };
    };
    copy.containers.cna.references.push({ url: "https://example.org/fix", name: "again" });
    copy.cveMetadata.datePublished = "2024-01-01T00:00:00Z";
    const report = validateCveRecord(copy);
    assert.equal(report.valid, true);
    assert.deepEqual(
      report.warnings.map((w) => w.code),
      ["cve5.published_before_reserved", "cve5.duplicate_reference_url"],
    );
  });

  it("fails with typed errors on bad input", () => {
    const code = (text: string) => {
      const result = parseCveJson(text);
      return result.ok ? "ok" : result.error.code;
    };
    assert.equal(code("not json"), "cve5.invalid_json");
    assert.equal(code("[]"), "cve5.schema_type");
    const rejected = parseCveValue({ ...record, cveMetadata: { ...record.cveMetadata, state: "REJECTED" } });
    assert.ok(!rejected.ok);
  });

  it("never throws on arbitrary text, values or mutations", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const result = parseCveJson(text);
        if (!result.ok) assert.match(result.error.code, /^cve5\./);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = parseCveValue(value);
        if (!result.ok) assert.match(result.error.code, /^cve5\./);
        assert.equal(typeof validateCveContainer(value).valid, "boolean");
      }),
      { numRuns: 300 },
    );
    const keys = ["dataType", "dataVersion", "cveMetadata", "containers"];
    fc.assert(
      fc.property(fc.constantFrom(...keys), fc.jsonValue({ maxDepth: 3 }), (key, replacement) => {
        const result = parseCveValue({ ...structuredClone(record), [key]: replacement });
        if (!result.ok) assert.match(result.error.code, /^cve5\./);
      }),
      { numRuns: 200 },
    );
  });

  it("round-trips built records for arbitrary inputs", () => {
    const word = fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() === s && s !== "");
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 99999999 }),
        word,
        word,
        fc.uniqueArray(fc.stringMatching(/^[0-9]{1,3}(\.[0-9]{1,3}){0,2}$/), { minLength: 1, maxLength: 4 }),
        (n, vendor, product, versions) => {
          const result = buildCveRecord({ ...input, id: `CVE-2025-${n}`, affected: [{ vendor, product, versions }] });
          assert.ok(result.ok, result.ok ? "" : result.error.message);
          const text = emitCveJson(result.value);
          const again = parseCveJson(text);
          assert.ok(again.ok);
          assert.equal(emitCveJson(again.value), text);
        },
      ),
      { numRuns: 100 },
    );
  });
});
