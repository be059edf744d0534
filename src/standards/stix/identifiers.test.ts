import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  canonicalJson,
  isCpe23,
  isStixId,
  scoId,
  softwareObject,
  stixTlp1Definition,
  stixTlpMarking,
  TLP1_MARKING_IDS,
  tlpFromMarkingId,
  uuidV5,
  validateStixObject,
} from "./index.ts";

describe("identifiers", () => {
  it("compute RFC 4122 UUIDv5", () => {
    assert.equal(uuidV5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "python.org"), "886313e1-3b8a-5372-9b90-0c9aee199e5d");
  });

  it("give software the STIX deterministic id (vectors from Python's uuid5 over JCS)", () => {
    const word = {
      name: "Word",
      cpe: "cpe:2.3:a:microsoft:word:2000:*:*:*:*:*:*:*",
      version: "2002",
      vendor: "Microsoft",
    };
    assert.equal(scoId("software", word), "software--710b0b41-d4d0-5d6c-a400-fc9254554ffc");
    assert.equal(
      scoId("url", { value: "https://example.com/research/index.html" }),
      "url--47c3cf9a-5027-5bf0-997a-017c7edc7c55",
    );
  });

  it("canonicalise JSON per RFC 8785", () => {
    assert.equal(
      canonicalJson({ b: [1, "x", null], a: { d: true, c: 1e21 }, e: undefined }),
      '{"a":{"c":1e+21,"d":true},"b":[1,"x",null]}',
    );
    assert.equal(canonicalJson({ "\u00e9": 1, z: 2, "\u20ac": 3 }), '{"z":2,"é":1,"€":3}');
    assert.equal(canonicalJson("line\nbreak\u0001"), '"line\\nbreak\\u0001"');
  });

  it("recognise identifiers", () => {
    assert.ok(isStixId("vulnerability--1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d", "vulnerability"));
    assert.ok(!isStixId("vulnerability--1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d", "identity"));
    assert.ok(!isStixId("vulnerability--not-a-uuid"));
    assert.ok(!isStixId(42));
  });
});

describe("TLP markings", () => {
  it("use the OASIS TLP 2.0 objects", () => {
    const marking = stixTlpMarking("AMBER+STRICT");
    assert.equal(marking.id, "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003");
    assert.deepEqual(marking.definition, {
      type: "marking-definition",
      spec_version: "2.1",
      id: "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
      created: "2022-10-01T00:00:00.000Z",
      name: "TLP:AMBER+STRICT",
      extensions: {
        "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d": {
          extension_type: "property-extension",
          tlp_2_0: "amber+strict",
        },
      },
    });
    for (const label of ["CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED"] as const) {
      const { id, definition } = stixTlpMarking(label);
      assert.ok(validateStixObject(definition).valid, label);
      assert.equal(tlpFromMarkingId(id), label);
    }
  });

  it("reference the predefined TLP 1.0 markings", () => {
    assert.deepEqual(stixTlpMarking("CLEAR", 1), { id: TLP1_MARKING_IDS.WHITE });
    assert.deepEqual(stixTlpMarking("AMBER+STRICT", 1), { id: TLP1_MARKING_IDS.AMBER });
    assert.equal(tlpFromMarkingId(TLP1_MARKING_IDS.WHITE), "CLEAR");
    assert.equal(tlpFromMarkingId("marking-definition--00000000-0000-4000-8000-000000000000"), undefined);
    for (const colour of ["WHITE", "GREEN", "AMBER", "RED"] as const)
      assert.ok(validateStixObject(stixTlp1Definition(colour)).valid);
  });
});

describe("software observables", () => {
  it("check CPE 2.3 strings", () => {
    assert.ok(isCpe23("cpe:2.3:a:microsoft:word:2000:*:*:*:*:*:*:*"));
    assert.ok(isCpe23("cpe:2.3:o:example:router\\:fw:1.0\\*:*:*:en-us:*:*:*:*"));
    assert.ok(!isCpe23("cpe:/a:microsoft:word:2000"));
    assert.ok(!isCpe23("cpe:2.3:a:microsoft:word:2000:*:*:*:*:*:*"));
    assert.ok(!isCpe23("xcpe:2.3:a:microsoft:word:2000:*:*:*:*:*:*:*"));
  });

  it("take name and version from a purl", () => {
    const object = softwareObject({ purl: "pkg:npm/%40example/decoder@1.2.3" }, "/p");
    assert.deepEqual(object, {
      ok: true,
      value: {
        type: "software",
        spec_version: "2.1",
        id: "software--dccb29b5-b705-5fbc-9774-989d7900f109",
        name: "@example/decoder",
        version: "1.2.3",
        x_purl: "pkg:npm/%40example/decoder@1.2.3",
      },
    });
  });

  it("report bad products with paths", () => {
    const cases: [Parameters<typeof softwareObject>[0], string, string][] = [
      [{}, "stix.missing_field", "/p/name"],
      [{ name: "x", cpe: "cpe:/a:x" }, "stix.invalid_cpe", "/p/cpe"],
      [{ purl: "npm/x" }, "stix.invalid_purl", "/p/purl"],
      [{ name: " " }, "stix.invalid_field", "/p/name"],
    ];
    for (const [product, code, path] of cases) {
      const result = softwareObject(product, "/p");
      assert.ok(!result.ok);
      assert.equal(result.error.code, code);
      assert.equal(result.error.path, path);
    }
  });
});
