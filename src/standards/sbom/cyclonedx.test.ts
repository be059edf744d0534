import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
  type CycloneDxBom,
  emitCycloneDxJson,
  extractCycloneDxComponents,
  parseCycloneDxJson,
  parseCycloneDxValue,
  readCycloneDxVex,
  validateCycloneDx,
  writeCycloneDxVex,
} from "./index.ts";
import { cyclonedxJson, SHA1_B, SHA256_A } from "./sbom-fixtures.test-data.ts";

function code(result: { ok: true } | { ok: false; error: { code: string } }): string {
  return result.ok ? "ok" : result.error.code;
}

describe("CycloneDX JSON", () => {
  it("accepts a valid 1.5 BOM and round-trips it", () => {
    assert.deepEqual(validateCycloneDx(cyclonedxJson), { valid: true, errors: [], warnings: [] });
    const text = emitCycloneDxJson(cyclonedxJson);
    assert.ok(text.startsWith('{\n  "bomFormat": "CycloneDX",\n  "specVersion": "1.5",\n  "serialNumber"'));
    const parsed = parseCycloneDxJson(text);
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.value, cyclonedxJson);
    assert.equal(emitCycloneDxJson(parsed.value), text);
  });

  it("accepts 1.4 and rejects versions it does not support", () => {
    assert.equal(
      validateCycloneDx({ ...cyclonedxJson, specVersion: "1.4", metadata: { timestamp: "2025-01-02T03:04:05Z" } })
        .valid,
      true,
    );
    const old = validateCycloneDx({ ...cyclonedxJson, specVersion: "1.2" });
    assert.equal(old.errors[0]?.code, "cyclonedx.unsupported_spec_version");
  });

  it("rejects duplicate bom-refs and warns about dangling references", () => {
    const duplicate = structuredClone(cyclonedxJson);
    duplicate.components?.push({ type: "library", "bom-ref": "fw", name: "again" });
    const report = validateCycloneDx(duplicate);
    assert.equal(report.valid, false);
    assert.equal(report.errors[0]?.code, "cyclonedx.duplicate_bom_ref");
    assert.equal(report.errors[0]?.path, "/components/2/bom-ref");

    const dangling = structuredClone(cyclonedxJson);
    dangling.dependencies?.push({ ref: "ghost", dependsOn: ["urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1#x"] });
    const warned = validateCycloneDx(dangling);
    assert.equal(warned.valid, true);
    assert.deepEqual(
      warned.warnings.map((w) => [w.code, w.path]),
      [["cyclonedx.unknown_ref", "/dependencies/2/ref"]],
    );
  });

  it("reports schema errors with the path of the member at fault", () => {
    const badHash = structuredClone(cyclonedxJson);
    const first = badHash.components?.[0];
    assert.ok(first);
    first.hashes = [{ alg: "SHA-256", content: "xyz" }];
    const result = parseCycloneDxValue(badHash);
    assert.ok(!result.ok);
    assert.equal(result.error.code, "cyclonedx.schema_pattern");
    assert.equal(result.error.path, "/components/0/hashes/0/content");
    assert.equal(code(parseCycloneDxJson("{")), "cyclonedx.invalid_json");
    assert.equal(code(parseCycloneDxValue({ bomFormat: "SPDX", specVersion: "1.6" })), "cyclonedx.schema_enum");
  });
});

describe("CycloneDX components", () => {
  it("extracts the subject and every component depth-first", () => {
    const components = extractCycloneDxComponents(cyclonedxJson);
    assert.deepEqual(
      components.map((c) => c.name),
      ["shop", "left-pad", "inner-lib", "fw"],
    );
    assert.deepEqual(components[1], {
      name: "left-pad",
      version: "1.3.0",
      purl: "pkg:npm/left-pad@1.3.0",
      hashes: [{ algorithm: "SHA-256", value: SHA256_A }],
      supplier: "Left Pad Org",
      type: "library",
      ref: "pkg:npm/left-pad@1.3.0",
    });
    assert.equal(components[2]?.cpe, "cpe:2.3:a:inner:inner-lib:0.1.0:*:*:*:*:*:*:*");
    assert.deepEqual(components[3]?.hashes, [{ algorithm: "SHA-1", value: SHA1_B }]);
    assert.equal(components[3]?.group, "org.example");
  });
});

describe("CycloneDX VEX", () => {
  it("reads statements with analysis, version statuses and the resolved component", () => {
    const [statement] = readCycloneDxVex(cyclonedxJson);
    assert.ok(statement);
    assert.equal(statement.id, "CVE-2025-0001");
    assert.equal(statement.state, "not_affected");
    assert.equal(statement.justification, "code_not_reachable");
    assert.deepEqual(statement.responses, ["will_not_fix", "update"]);
    assert.deepEqual(statement.affects[0]?.versions, [
      { version: "1.3.0", status: "unaffected" },
      { range: "vers:npm/<1.3.0", status: "affected" },
    ]);
    assert.equal(statement.affects[0]?.component?.name, "left-pad");
  });

  it("writes a VEX BOM that reads back to the same statements", () => {
    const statements = readCycloneDxVex(cyclonedxJson).map(({ affects, ...rest }) => ({
      ...rest,
      affects: affects.map(({ component: _component, ...target }) => target),
    }));
    const written = writeCycloneDxVex({
      statements,
      components: [{ type: "library", "bom-ref": "pkg:npm/left-pad@1.3.0", name: "left-pad", version: "1.3.0" }],
      serialNumber: "urn:uuid:0b7e3f0a-4e0a-4a3c-9f0a-3f8f6b2f1c11",
      timestamp: "2025-02-01T00:00:00Z",
    });
    assert.ok(written.ok, written.ok ? "" : written.error.message);
    assert.equal(written.value.specVersion, "1.6");
    const again = readCycloneDxVex(written.value).map(({ affects, ...rest }) => ({
      ...rest,
      affects: affects.map(({ component: _component, ...target }) => target),
    }));
    assert.deepEqual(again, statements);
    assert.deepEqual(validateCycloneDx(written.value).warnings, []);
  });

  it("refuses a justification without not_affected and warns on reading one", () => {
    const wrong = writeCycloneDxVex({
      statements: [
        { id: "CVE-2025-1", state: "exploitable", justification: "code_not_present", responses: [], affects: [] },
      ],
    });
    assert.equal(code(wrong), "cyclonedx.vex_justification_mismatch");
    const bom = structuredClone(cyclonedxJson);
    const analysis = bom.vulnerabilities?.[0]?.analysis;
    assert.ok(analysis);
    analysis.state = "exploitable";
    assert.deepEqual(
      validateCycloneDx(bom).warnings.map((w) => w.code),
      ["cyclonedx.vex_justification_mismatch"],
    );
  });
});

describe("CycloneDX fuzz", () => {
  it("never throws on arbitrary text or values", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const result = parseCycloneDxJson(text);
        if (!result.ok) assert.match(result.error.code, /^cyclonedx\./);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = parseCycloneDxValue(value);
        if (!result.ok) assert.match(result.error.code, /^cyclonedx\./);
      }),
      { numRuns: 300 },
    );
  });

  it("never throws on mutations of a valid BOM", () => {
    const keys = ["specVersion", "components", "dependencies", "vulnerabilities", "metadata", "serialNumber"];
    fc.assert(
      fc.property(fc.constantFrom(...keys), fc.jsonValue({ maxDepth: 3 }), (key, replacement) => {
        const result = parseCycloneDxValue({ ...structuredClone(cyclonedxJson), [key]: replacement });
        if (!result.ok) assert.match(result.error.code, /^cyclonedx\./);
        else {
          extractCycloneDxComponents(result.value);
          readCycloneDxVex(result.value);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("round-trips generated BOMs through emit and parse", () => {
    const component = fc.record(
      {
        type: fc.constantFrom("library", "application", "framework", "container"),
        name: fc.string({ minLength: 1 }),
        version: fc.string(),
        purl: fc.string(),
        hashes: fc.array(
          fc.record(
            { alg: fc.constant("SHA-256"), content: fc.stringMatching(/^[0-9a-f]{64}$/) },
            { noNullPrototype: true },
          ),
          { maxLength: 2 },
        ),
      },
      { requiredKeys: ["type", "name"], noNullPrototype: true },
    );
    fc.assert(
      fc.property(fc.array(component, { maxLength: 6 }), (components) => {
        const bom: CycloneDxBom = { bomFormat: "CycloneDX", specVersion: "1.6", version: 1, components };
        const first = parseCycloneDxValue(bom);
        assert.ok(first.ok, first.ok ? "" : first.error.message);
        const text = emitCycloneDxJson(first.value);
        const again = parseCycloneDxJson(text);
        assert.ok(again.ok);
        assert.deepEqual(again.value, bom);
        assert.equal(extractCycloneDxComponents(again.value).length, components.length);
      }),
      { numRuns: 200 },
    );
  });
});
