import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { findNonJson, parseJsonText, SchemaValidator, stringifyStable } from "./index.ts";
import { canonicalJson } from "./stable-json.ts";

describe("stringifyStable", () => {
  it("puts listed keys first in list order, then the rest sorted", () => {
    const text = stringifyStable({ z: 1, b: { y: 2, id: 1 }, id: "x", a: [{ c: 1, id: 2 }] }, ["id"]);
    assert.equal(
      text,
      '{\n  "id": "x",\n  "a": [\n    {\n      "id": 2,\n      "c": 1\n    }\n  ],\n  "b": {\n    "id": 1,\n    "y": 2\n  },\n  "z": 1\n}\n',
    );
  });

  it("keeps a __proto__ member as data and drops undefined members", () => {
    const value = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}');
    const text = stringifyStable({ ...value, gone: undefined });
    assert.deepEqual(JSON.parse(text), value);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it("is a function of the JSON value, whatever the member order", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const reordered = JSON.parse(
          JSON.stringify(value, (_k, v) =>
            v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
          ),
        );
        assert.equal(stringifyStable(reordered), stringifyStable(value));
        assert.equal(canonicalJson(reordered), canonicalJson(value));
        assert.deepEqual(JSON.parse(stringifyStable(value)), JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 300 },
    );
  });
});

describe("findNonJson and parseJsonText", () => {
  it("points at the first member JSON cannot carry", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    assert.equal(findNonJson({ a: [1, { b: Number.NaN }] }), "/a/1/b");
    assert.equal(findNonJson({ "x/y": () => 1 }), "/x~1y");
    assert.equal(findNonJson(new Map()), "/");
    assert.equal(findNonJson(cyclic), "/self");
    assert.equal(findNonJson({ a: [null, true, "s", 1.5], b: Object.create(null), c: undefined }), undefined);
    assert.equal(findNonJson([undefined]), "/0");
  });

  it("turns syntax errors into <area>.invalid_json and tolerates a byte-order mark", () => {
    const bad = parseJsonText("{", "demo");
    assert.ok(!bad.ok);
    assert.equal(bad.error.code, "demo.invalid_json");
    assert.deepEqual(parseJsonText('\ufeff{"a":1}', "demo"), { ok: true, value: { a: 1 } });
  });
});

describe("SchemaValidator", () => {
  const validator = new SchemaValidator("demo", "draft-07", [
    {
      $id: "https://example.org/demo.json",
      type: "object",
      required: ["items"],
      properties: {
        items: { type: "array", uniqueItems: true, items: { type: "object" } },
        when: { type: "string", format: "date-time" },
      },
      definitions: { tag: { type: "string", pattern: "^[a-z]+$" } },
    },
  ]);

  it("reports uniqueItems in one pass with Ajv's keyword and message", () => {
    assert.deepEqual(
      validator.validate({
        items: [
          { a: 1, b: 2 },
          { b: 2, a: 1 },
        ],
      }),
      [
        {
          code: "demo.schema_uniqueItems",
          message: "/items must NOT have duplicate items (items ## 0 and 1 are identical)",
          path: "/items",
        },
      ],
    );
    assert.deepEqual(validator.validate({ items: [{ a: 1 }, { a: 2 }] }), []);
  });

  it("names missing members, asserts formats, and checks sub-schemas", () => {
    assert.deepEqual(validator.validate({}), [
      { code: "demo.schema_required", message: "/items is required", path: "/items" },
    ]);
    assert.equal(validator.validate({ items: [], when: "noon" })[0]?.code, "demo.schema_format");
    assert.equal(validator.validateAt("#/definitions/tag", "ok").length, 0);
    assert.equal(validator.validateAt("#/definitions/tag", "NO")[0]?.code, "demo.schema_pattern");
  });
});
