import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
  builtinDecisionTable,
  builtinDecisionTables,
  emitDecisionPoint,
  emitDecisionTable,
  parseDecisionPoint,
  parseDecisionPointId,
  parseDecisionTable,
  parseSsvcNamespace,
  SSVC_TABLE_IDS,
} from "./index.ts";

/** A small table in the SSVC JSON shape, written out by hand. */
function smallTable(): Record<string, unknown> {
  const yesNo = (key: string, name: string) => ({
    namespace: "x_com.example#test",
    key,
    version: "1.0.0",
    name,
    definition: `${name}?`,
    schemaVersion: "2.0.0",
    values: [
      { key: "N", name: "No", definition: "no" },
      { key: "Y", name: "Yes", definition: "yes" },
    ],
  });
  return {
    namespace: "x_com.example#test",
    key: "DT_BOTH",
    version: "1.0.0",
    name: "Both",
    definition: "Yes when both are yes.",
    schemaVersion: "2.0.0",
    decision_points: {
      "x_com.example#test:P:1.0.0": yesNo("P", "First"),
      "x_com.example#test:Q:1.0.0": yesNo("Q", "Second"),
      "x_com.example#test:R:1.0.0": yesNo("R", "Result"),
    },
    outcome: "x_com.example#test:R:1.0.0",
    mapping: [
      { "x_com.example#test:P:1.0.0": "N", "x_com.example#test:Q:1.0.0": "N", "x_com.example#test:R:1.0.0": "N" },
      { "x_com.example#test:P:1.0.0": "N", "x_com.example#test:Q:1.0.0": "Y", "x_com.example#test:R:1.0.0": "N" },
      { "x_com.example#test:P:1.0.0": "Y", "x_com.example#test:Q:1.0.0": "N", "x_com.example#test:R:1.0.0": "N" },
      { "x_com.example#test:P:1.0.0": "Y", "x_com.example#test:Q:1.0.0": "Y", "x_com.example#test:R:1.0.0": "Y" },
    ],
  };
}

function code(json: unknown): string {
  const result = parseDecisionTable(json);
  assert.ok(!result.ok, "expected rejection");
  return result.error.code;
}

describe("parseDecisionTable", () => {
  it("reads a table and emits it back unchanged", () => {
    const json = smallTable();
    const table = parseDecisionTable(json);
    assert.ok(table.ok);
    assert.equal(table.value.inputs.length, 2);
    assert.equal(table.value.outcome.key, "R");
    assert.deepEqual(table.value.rows[3], ["Y", "Y", "Y"]);
    assert.deepEqual(emitDecisionTable(table.value), json);
  });

  it("round-trips every built-in table", () => {
    for (const table of builtinDecisionTables()) {
      const again = parseDecisionTable(emitDecisionTable(table));
      assert.ok(again.ok);
      assert.deepEqual(again.value, table);
    }
  });

  it("rejects what evaluation cannot use", () => {
    const t = smallTable;
    assert.equal(code({ ...t(), outcome: "x_com.example#test:Z:1.0.0" }), "ssvc.unknown_outcome");
    assert.equal(code({ ...t(), mapping: undefined }), "ssvc.missing_field");
    assert.equal(code({ ...t(), schemaVersion: "1.0.0" }), "ssvc.unsupported_schema_version");
    assert.equal(code({ ...t(), namespace: "Not Valid" }), "ssvc.invalid_namespace");
    assert.equal(code({ ...t(), key: "bad key" }), "ssvc.invalid_key");
    assert.equal(code({ ...t(), version: "1.0" }), "ssvc.invalid_version");
    const json = t();
    const mapping = json.mapping as Record<string, string>[];
    mapping[1] = { ...mapping[1]!, "x_com.example#test:R:1.0.0": "MAYBE" };
    assert.equal(code(json), "ssvc.unknown_value");
    const duplicated = t();
    (duplicated.mapping as unknown[]).push((duplicated.mapping as unknown[])[0]);
    assert.equal(code(duplicated), "ssvc.duplicate_row");
    const missingCell = t();
    delete (missingCell.mapping as Record<string, string>[])[0]!["x_com.example#test:Q:1.0.0"];
    assert.equal(code(missingCell), "ssvc.missing_field");
    assert.equal(code([]), "ssvc.invalid_type");
  });

  it("fuzz: arbitrary JSON and mutated tables never throw", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (json) => {
        const result = parseDecisionTable(json);
        if (!result.ok) assert.match(result.error.code, /^ssvc\.[a-z_]+$/);
      }),
      { numRuns: 500 },
    );
    const base = smallTable();
    const paths = collectPaths(base);
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.jsonValue(), fc.boolean(), (path, replacement, remove) => {
        const mutated = structuredClone(base) as Record<string, unknown>;
        setAt(mutated, path, remove ? undefined : replacement);
        const result = parseDecisionTable(mutated);
        if (!result.ok) assert.match(result.error.code, /^ssvc\.[a-z_]+$/);
        else assert.deepEqual(parseDecisionTable(emitDecisionTable(result.value)), result);
      }),
      { numRuns: 300 },
    );
  });
});

describe("decision point ids and namespaces", () => {
  it("split namespace:key:version", () => {
    assert.deepEqual(parseDecisionPointId("cisa:CISA:1.1.0"), {
      ok: true,
      value: { namespace: "cisa", key: "CISA", version: "1.1.0" },
    });
    assert.ok(parseDecisionPointId("cisa:T*:1.0.0").ok);
    for (const bad of ["ssvc:E", "ssvc:E:1.0", "ssvc:E_:1.0.0", "SS:E:1.0.0", "a:b:c:d", 7]) {
      assert.ok(!parseDecisionPointId(bad).ok, String(bad));
    }
  });

  it("follow the SSVC namespace rules", () => {
    const valid = [
      "ssvc",
      "cisa",
      "x_private-test",
      "ssvc/de-DE/reference-arch-1",
      "x_custom//extension",
      "x_example.test#test//.example.test#private-extension",
      "ssvc/de-DE/.example.organization#reference-arch-1",
    ];
    for (const text of valid) assert.ok(parseSsvcNamespace(text).ok, text);
    const invalid = [
      "x_custom/extension",
      "x_custom.extension.",
      "x_custom..extension",
      "x_custom/",
      "x_custom/extension//",
      "ab",
      "x_",
      "Ssvc",
    ];
    for (const text of invalid) assert.ok(!parseSsvcNamespace(text).ok, text);
    const parsed = parseSsvcNamespace("ssvc/de-DE/ref-arch-1");
    assert.ok(parsed.ok && parsed.value.registered && !parsed.value.private);
    assert.deepEqual(parsed.ok && parsed.value.extensions, ["de-DE", "ref-arch-1"]);
    const custom = parseSsvcNamespace("custom");
    assert.ok(custom.ok && !custom.value.registered);
  });

  it("fuzz: namespace and id parsers never throw", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.anything()), (input) => {
        for (const result of [parseSsvcNamespace(input), parseDecisionPointId(input), parseDecisionPoint(input)]) {
          if (!result.ok) assert.match(result.error.code, /^ssvc\.[a-z_]+$/);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("round-trips decision points", () => {
    for (const point of builtinDecisionTable(SSVC_TABLE_IDS.coordinatorTriage).inputs) {
      assert.deepEqual(parseDecisionPoint(emitDecisionPoint(point)), { ok: true, value: point });
    }
  });
});

/** JSON pointers (as token lists) of every member in a value, for mutation fuzzing. */
function collectPaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const paths: (string | number)[][] = prefix.length > 0 ? [prefix] : [];
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) paths.push(...collectPaths(item, [...prefix, i]));
  } else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) paths.push(...collectPaths(item, [...prefix, key]));
  }
  return paths;
}

/** Replace (or with undefined, delete) the member at `path`. */
function setAt(root: Record<string, unknown>, path: (string | number)[], value: unknown): void {
  let node: Record<string | number, unknown> = root;
  for (const token of path.slice(0, -1)) node = node[token] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (value === undefined) delete node[last];
  else node[last] = value;
}
