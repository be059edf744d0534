import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import type { JsonObject } from "../json/index.ts";
import {
  buildAdvisoryBundle,
  isStixId,
  type StixAdvisoryInput,
  type StixBundle,
  TLP1_MARKING_IDS,
  validateStixBundle,
  validateStixObject,
} from "./index.ts";

function seededUuid(): () => string {
  let n = 0;
  return () => `00000000-0000-4000-8000-${(n++).toString(16).padStart(12, "0")}`;
}

const INPUT: StixAdvisoryInput = {
  advisoryId: "AICC-2025-0001",
  cve: "CVE-2025-0001",
  title: "Heap overflow",
  description: "A crafted file overflows a buffer.",
  cwes: ["CWE-787", "CWE-1035"],
  advisoryUrl: "https://advisories.example.org/AICC-2025-0001",
  references: [{ url: "https://vendor.example.com/bulletin?id=ü", description: "Bulletin" }],
  published: "2025-01-15T10:00:00+01:00",
  affected: [
    {
      name: "Image Viewer",
      vendor: "Example Corp",
      version: "4.2.0",
      cpe: "cpe:2.3:a:example:image_viewer:4.2.0:*:*:*:*:*:*:*",
    },
    { purl: "pkg:npm/%40example/decoder@1.2.3" },
  ],
  producer: { name: "Example CERT", id: "identity--8f2f3f4e-5d6c-4b7a-9e8f-0a1b2c3d4e5f" },
  tlp: "AMBER+STRICT",
};

function build(input: StixAdvisoryInput): StixBundle {
  const result = buildAdvisoryBundle({ ...input, randomUuid: input.randomUuid ?? seededUuid() });
  assert.ok(result.ok, result.ok ? "" : `${result.error.code}: ${result.error.message}`);
  return result.value;
}

function byType(bundle: StixBundle, type: string): JsonObject[] {
  return bundle.objects.filter((object) => object.type === type);
}

describe("buildAdvisoryBundle", () => {
  it("builds a valid, warning-free bundle", () => {
    const bundle = build(INPUT);
    assert.deepEqual(
      bundle.objects.map((object) => object.type),
      ["identity", "marking-definition", "vulnerability", "software", "software", "relationship", "relationship"],
    );
    const report = validateStixBundle(bundle, { wholeBundleSchema: true });
    assert.deepEqual(report, { valid: true, errors: [], warnings: [] });
  });

  it("fills the vulnerability, software and relationships", () => {
    const bundle = build(INPUT);
    const [vulnerability] = byType(bundle, "vulnerability");
    assert.equal(vulnerability!.name, "CVE-2025-0001");
    assert.equal(vulnerability!.created, "2025-01-15T09:00:00.000Z");
    assert.equal(vulnerability!.description, "Heap overflow\n\nA crafted file overflows a buffer.");
    assert.equal(vulnerability!.created_by_ref, "identity--8f2f3f4e-5d6c-4b7a-9e8f-0a1b2c3d4e5f");
    assert.deepEqual(vulnerability!.object_marking_refs, ["marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003"]);
    assert.deepEqual(vulnerability!.external_references, [
      { source_name: "cve", external_id: "CVE-2025-0001", url: "https://www.cve.org/CVERecord?id=CVE-2025-0001" },
      {
        source_name: "Example CERT",
        external_id: "AICC-2025-0001",
        url: "https://advisories.example.org/AICC-2025-0001",
      },
      {
        source_name: "cwe",
        external_id: "CWE-787",
        url: "https://cwe.mitre.org/data/definitions/787.html",
        description: "CWE-787: Out-of-bounds Write",
      },
      { source_name: "cwe", external_id: "CWE-1035", url: "https://cwe.mitre.org/data/definitions/1035.html" },
      {
        source_name: "vendor.example.com",
        url: "https://vendor.example.com/bulletin?id=%C3%BC",
        description: "Bulletin",
      },
    ]);
    const software = byType(bundle, "software");
    assert.equal(software[0]!.id, "software--4e8bc960-1241-5019-8dfd-c0766ee2782a");
    for (const relationship of byType(bundle, "relationship")) {
      assert.equal(relationship.relationship_type, "has");
      assert.equal(relationship.target_ref, vulnerability!.id);
    }
    assert.deepEqual(
      byType(bundle, "relationship").map((r) => r.source_ref),
      software.map((s) => s.id),
    );
  });

  it("is reproducible with a seeded UUID source and keeps passed ids", () => {
    assert.deepEqual(build(INPUT), build(INPUT));
    const ids = {
      bundle: "bundle--6f1d2e3c-4b5a-4c7d-8e9f-a0b1c2d3e4f5",
      vulnerability: "vulnerability--1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
    };
    const bundle = build({ ...INPUT, ids });
    assert.equal(bundle.id, ids.bundle);
    assert.equal(byType(bundle, "vulnerability")[0]!.id, ids.vulnerability);
    const random = buildAdvisoryBundle(INPUT);
    assert.ok(random.ok && isStixId(random.value.id, "bundle"));
  });

  it("names the vulnerability by the advisory id without a CVE, and handles TLP 1.0 and no TLP", () => {
    const tlp1 = build({ ...INPUT, cve: undefined, tlp: "GREEN", tlpVersion: 1 });
    assert.equal(byType(tlp1, "vulnerability")[0]!.name, "AICC-2025-0001");
    assert.equal(byType(tlp1, "marking-definition").length, 0);
    assert.deepEqual(byType(tlp1, "vulnerability")[0]!.object_marking_refs, [TLP1_MARKING_IDS.GREEN]);
    assert.deepEqual(validateStixBundle(tlp1).warnings, []);
    const unmarked = build({ ...INPUT, tlp: undefined });
    assert.ok(unmarked.objects.every((object) => object.object_marking_refs === undefined));
    // A CVE-shaped advisory id may not be an external_id outside source "cve".
    const cveNamed = build({ ...INPUT, advisoryId: "CVE-2025-0001" });
    assert.ok(validateStixBundle(cveNamed).valid);
  });

  it("merges products that are the same software", () => {
    const bundle = build({
      ...INPUT,
      affected: [{ name: "x", version: "1" }, { purl: "pkg:pypi/x@1" }, { name: "x", version: "1" }],
    });
    const software = byType(bundle, "software");
    assert.equal(software.length, 1);
    assert.equal(software[0]!.x_purl, "pkg:pypi/x@1");
    assert.equal(byType(bundle, "relationship").length, 1);
  });

  it("rejects bad input with a path", () => {
    const cases: [Partial<StixAdvisoryInput>, string, string][] = [
      [{ advisoryId: "" }, "stix.missing_field", "/advisoryId"],
      [{ producer: { name: "" } }, "stix.missing_field", "/producer/name"],
      [{ cve: "CVE-25-1" }, "stix.invalid_cve", "/cve"],
      [{ cwes: ["CWE-079"] }, "stix.invalid_cwe", "/cwes/0"],
      [{ published: "yesterday" }, "stix.invalid_timestamp", "/published"],
      [{ published: "2023-02-30T00:00:00Z" }, "stix.invalid_timestamp", "/published"],
      [{ modified: "2024-01-01T00:00:00Z" }, "stix.modified_before_created", "/modified"],
      [{ advisoryUrl: "ftp://x.example" }, "stix.invalid_url", "/advisoryUrl"],
      [{ references: [{ url: "not a url" }] }, "stix.invalid_url", "/references/0/url"],
      [
        { ids: { vulnerability: "identity--8f2f3f4e-5d6c-4b7a-9e8f-0a1b2c3d4e5f" } },
        "stix.invalid_id",
        "/ids/vulnerability",
      ],
      [{ tlp: "WHITE" as never }, "stix.invalid_tlp", "/tlp"],
      [
        { affected: [{ name: "x", version: "1" }, { purl: "pkg:pypi/x@1" }, { purl: "pkg:npm/x@1" }] },
        "stix.software_collision",
        "/affected/2",
      ],
    ];
    for (const [patch, code, path] of cases) {
      const result = buildAdvisoryBundle({ ...INPUT, ...patch });
      assert.ok(!result.ok, code);
      assert.equal(result.error.code, code);
      assert.equal(result.error.path, path);
    }
  });

  it("fuzz: arbitrary text in every field builds a valid bundle or fails with a typed error", () => {
    const text = fc.oneof(
      fc.string(),
      fc.constantFrom("CVE-2024-12345", "CWE-79", "pkg:npm/a@1", "https://x.example/a"),
    );
    fc.assert(
      fc.property(
        fc.record({
          advisoryId: text,
          cve: fc.option(text, { nil: undefined }),
          description: fc.option(text, { nil: undefined }),
        }),
        fc.array(
          fc.record({
            name: fc.option(text, { nil: undefined }),
            vendor: fc.option(text, { nil: undefined }),
            purl: fc.option(text, { nil: undefined }),
          }),
          { maxLength: 3 },
        ),
        fc.array(text, { maxLength: 2 }),
        (fields, affected, cwes) => {
          const result = buildAdvisoryBundle({ ...INPUT, ...fields, affected, cwes, references: [] });
          if (!result.ok) {
            assert.match(result.error.code, /^stix\.[a-z_]+$/);
            return;
          }
          const report = validateStixBundle(result.value);
          assert.ok(report.valid, JSON.stringify(report.errors[0]));
          assert.deepEqual(report.warnings, []);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("validateStixBundle / validateStixObject", () => {
  const valid = build(INPUT);

  it("reject broken objects with the member at fault", () => {
    const vulnerability = structuredClone(byType(valid, "vulnerability")[0]!);
    delete vulnerability.name;
    const report = validateStixObject(vulnerability);
    assert.ok(!report.valid);
    assert.ok(report.errors.some((e) => e.path === "/name" && e.code === "stix.schema_required"));
    const inBundle = validateStixBundle({ ...valid, objects: [valid.objects[0], vulnerability] });
    assert.ok(inBundle.errors.some((e) => e.path === "/objects/1/name"));
  });

  it("enforce millisecond timestamps and modified >= created", () => {
    const vulnerability = byType(valid, "vulnerability")[0]!;
    assert.ok(!validateStixObject({ ...vulnerability, created: "2025-01-01T00:00:00Z" }).valid);
    const backwards = validateStixObject({ ...vulnerability, modified: "2000-01-01T00:00:00.000Z" });
    assert.ok(backwards.errors.some((e) => e.code === "stix.modified_before_created"));
  });

  it("check the envelope", () => {
    assert.ok(validateStixBundle({ type: "bundle", id: "bundle--6f1d2e3c-4b5a-4c7d-8e9f-a0b1c2d3e4f5" }).valid);
    for (const bad of [
      [],
      { type: "bundle" },
      { type: "report", id: valid.id },
      { ...valid, objects: [] },
      { ...valid, id: "bundle--x" },
    ]) {
      assert.ok(!validateStixBundle(bad).valid, JSON.stringify(bad).slice(0, 60));
    }
  });

  it("warn about unresolved references and non-deterministic software ids", () => {
    const withoutIdentity = { ...valid, objects: valid.objects.slice(1) };
    const report = validateStixBundle(withoutIdentity);
    assert.ok(report.valid);
    assert.ok(report.warnings.some((w) => w.code === "stix.unresolved_reference"));
    const software = { ...byType(valid, "software")[0]!, id: "software--1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d" };
    assert.deepEqual(
      validateStixObject(software).warnings.map((w) => w.code),
      ["stix.sco_id_not_deterministic"],
    );
  });

  it("accept custom objects the bundle schema accepts", () => {
    const custom = {
      type: "x-example-thing",
      id: "x-example-thing--1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
      spec_version: "2.1",
      x_value: 1,
    };
    assert.ok(validateStixObject(custom).valid);
    assert.ok(!validateStixObject({ ...custom, Bad_Name: 1 }).valid);
  });

  it("stay fast on pathological type strings (the schema's type pattern backtracks exponentially)", () => {
    const started = performance.now();
    const report = validateStixObject({ type: `${"a".repeat(240)}!`, id: "x" });
    assert.ok(!report.valid);
    assert.ok(performance.now() - started < 1000);
  });

  it("fuzz: arbitrary JSON and mutated bundles never throw", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (json) => {
        const report = validateStixBundle(json);
        for (const issue of [...report.errors, ...report.warnings]) assert.match(issue.code, /^stix\.[A-Za-z_]+$/);
        validateStixObject(json);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.nat(valid.objects.length - 1), fc.string(), fc.jsonValue(), (index, key, value) => {
        const objects = structuredClone(valid.objects) as JsonObject[];
        const target = objects[index]!;
        const keys = Object.keys(target);
        target[keys[key.length % keys.length]!] = value as never;
        const report = validateStixBundle({ ...valid, objects });
        for (const issue of report.errors) assert.match(issue.path ?? "", /^\/objects\/\d+/);
      }),
      { numRuns: 300 },
    );
  });
});
