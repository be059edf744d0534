import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { extractSpdxComponents, parseSpdxJson, parseSpdxValue, validateSpdx } from "./index.ts";
import { SHA256_A, spdxJson } from "./sbom-fixtures.test-data.ts";

describe("SPDX JSON", () => {
  it("accepts a valid 2.3 document", () => {
    assert.deepEqual(validateSpdx(spdxJson), { valid: true, errors: [], warnings: [] });
    const parsed = parseSpdxJson(JSON.stringify(spdxJson));
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.value, spdxJson);
  });

  it("names what is wrong", () => {
    const issues = (value: unknown) => validateSpdx(value).errors.map((e) => `${e.code} ${e.path}`);
    assert.deepEqual(issues([]), ["spdx.not_object /"]);
    assert.deepEqual(issues({ ...spdxJson, spdxVersion: "SPDX-3.0" }), ["spdx.unsupported_version /spdxVersion"]);
    assert.deepEqual(issues({ ...spdxJson, creationInfo: { created: "yesterday", creators: ["someone"] } }), [
      "spdx.invalid_field /creationInfo/created",
      "spdx.invalid_field /creationInfo/creators/0",
    ]);
    const packages = structuredClone(spdxJson.packages ?? []);
    packages.push({ ...structuredClone(packages[1]!), downloadLocation: "" });
    packages.push({
      SPDXID: "bad id",
      name: "x",
      downloadLocation: "NONE",
      checksums: [{ algorithm: "SHA999", checksumValue: "zz" }],
    });
    assert.deepEqual(issues({ ...spdxJson, packages }), [
      "spdx.duplicate_spdxid /packages/3/SPDXID",
      "spdx.invalid_field /packages/3/downloadLocation",
      "spdx.invalid_field /packages/4/SPDXID",
      "spdx.invalid_field /packages/4/checksums/0/algorithm",
      "spdx.invalid_field /packages/4/checksums/0/checksumValue",
    ]);
    assert.equal(parseSpdxJson("nope").ok, false);
  });

  it("warns about relationships to unknown elements", () => {
    const relationships = [
      ...(spdxJson.relationships ?? []),
      { spdxElementId: "SPDXRef-app", relationshipType: "DEPENDS_ON", relatedSpdxElement: "SPDXRef-missing" },
      {
        spdxElementId: "SPDXRef-app",
        relationshipType: "DEPENDS_ON",
        relatedSpdxElement: "DocumentRef-other:SPDXRef-x",
      },
    ];
    const report = validateSpdx({ ...spdxJson, relationships });
    assert.equal(report.valid, true);
    assert.deepEqual(
      report.warnings.map((w) => w.path),
      ["/relationships/2/relatedSpdxElement"],
    );
  });

  it("extracts packages as components", () => {
    const components = extractSpdxComponents(spdxJson);
    assert.deepEqual(components[1], {
      name: "left-pad",
      version: "1.3.0",
      purl: "pkg:npm/left-pad@1.3.0",
      cpe: "cpe:2.3:a:left-pad:left-pad:1.3.0:*:*:*:*:*:*:*",
      hashes: [{ algorithm: "SHA-256", value: SHA256_A }],
      supplier: "Left Pad Org",
      type: "library",
      ref: "SPDXRef-left-pad",
    });
    assert.deepEqual(
      components.map((c) => [c.type, c.supplier]),
      [
        ["application", undefined],
        ["library", "Left Pad Org"],
        ["operating-system", undefined],
      ],
    );
  });

  it("never throws on arbitrary text, values or mutations", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const result = parseSpdxJson(text);
        if (!result.ok) assert.match(result.error.code, /^spdx\./);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = parseSpdxValue(value);
        if (!result.ok) assert.match(result.error.code, /^spdx\./);
      }),
      { numRuns: 300 },
    );
    const keys = ["packages", "files", "relationships", "creationInfo", "SPDXID", "documentDescribes"];
    fc.assert(
      fc.property(fc.constantFrom(...keys), fc.jsonValue({ maxDepth: 3 }), (key, replacement) => {
        const result = parseSpdxValue({ ...structuredClone(spdxJson), [key]: replacement });
        if (!result.ok) assert.match(result.error.code, /^spdx\./);
        else extractSpdxComponents(result.value);
      }),
      { numRuns: 300 },
    );
  });
});
