import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { isRfc3339DateTime } from "../text/date-time.ts";
import {
  builtinDecisionTable,
  emitSelectionList,
  evaluateDecisionTable,
  parseSelectionList,
  SSVC_TABLE_IDS,
  selectionInputs,
  selectionListFromOutcome,
} from "./index.ts";

const deployer = builtinDecisionTable(SSVC_TABLE_IDS.deployer);

function deployerOutcome() {
  const outcome = evaluateDecisionTable(deployer, { E: "P", EXP: "C", A: "N", HI: "M" });
  assert.ok(outcome.ok);
  return outcome.value;
}

/** A selection list as the SSVC schema documents it, written by hand. */
const handWritten = {
  schemaVersion: "2.0.0",
  timestamp: "2025-01-02T15:30:45-04:00",
  target_ids: ["CVE-1900-0000", "VU#999999"],
  selections: [
    { namespace: "ssvc", key: "E", version: "1.1.0", values: [{ key: "P" }, { key: "A" }] },
    {
      namespace: "cisa",
      key: "KEV",
      version: "1.0.0",
      name: "In KEV",
      values: [{ key: "Y", name: "Yes", definition: "Listed." }],
    },
  ],
  decision_point_resources: [{ uri: "https://example.com/decision_points", summary: "Documentation" }],
  references: [{ uri: "https://example.com/report", summary: "A report" }],
};

function code(json: unknown): string {
  const result = parseSelectionList(json);
  assert.ok(!result.ok, "expected rejection");
  return result.error.code;
}

describe("selection lists", () => {
  it("record an evaluation: inputs, then the outcome", () => {
    const list = selectionListFromOutcome(deployerOutcome(), {
      timestamp: new Date(Date.UTC(2025, 5, 1, 12)),
      targetIds: ["CVE-2025-0001", "CVE-2025-0001"],
      references: [{ uri: "https://example.org/advisory", summary: "Advisory" }],
    });
    assert.equal(list.timestamp, "2025-06-01T12:00:00.000Z");
    assert.deepEqual(list.target_ids, ["CVE-2025-0001"]);
    assert.deepEqual(
      list.selections.map((s) => `${s.namespace}:${s.key}:${s.version}=${s.values[0]!.key}`),
      ["ssvc:E:1.1.0=P", "ssvc:EXP:1.0.1=C", "ssvc:A:2.0.0=N", "ssvc:HI:2.0.2=M", "ssvc:DSOI:1.0.0=S"],
    );
    assert.equal(list.selections[0]!.name, "Exploitation");
    assert.equal(list.selections[0]!.values[0]!.name, "Public PoC");
    assert.equal(list.selections[0]!.definition, undefined);
    const parsed = parseSelectionList(emitSelectionList(list));
    assert.deepEqual(parsed, { ok: true, value: list });
  });

  it("can leave names out or add definitions", () => {
    const bare = selectionListFromOutcome(deployerOutcome(), {
      timestamp: "2025-06-01T12:00:00Z",
      includeNames: false,
    });
    assert.deepEqual(bare.selections[0], { namespace: "ssvc", key: "E", version: "1.1.0", values: [{ key: "P" }] });
    const full = selectionListFromOutcome(deployerOutcome(), {
      timestamp: "2025-06-01T12:00:00Z",
      includeDefinitions: true,
    });
    assert.ok(full.selections[0]!.definition && full.selections[0]!.values[0]!.definition);
  });

  it("parse a hand-written list and emit it unchanged", () => {
    const parsed = parseSelectionList(handWritten);
    assert.ok(parsed.ok);
    assert.deepEqual(emitSelectionList(parsed.value), handWritten);
    assert.deepEqual(selectionInputs(parsed.value), { "ssvc:E:1.1.0": ["P", "A"], "cisa:KEV:1.0.0": ["Y"] });
  });

  it("feed evaluation back", () => {
    const list = selectionListFromOutcome(deployerOutcome(), { timestamp: "2025-06-01T12:00:00Z" });
    const again = evaluateDecisionTable(deployer, selectionInputs(list));
    assert.ok(again.ok);
    assert.equal(again.value.value.key, "S");
  });

  it("reject lists the schema rejects", () => {
    assert.equal(code({ ...handWritten, extra: 1 }), "ssvc.unknown_field");
    assert.equal(code({ ...handWritten, schemaVersion: "1.0.1" }), "ssvc.unsupported_schema_version");
    assert.equal(code({ ...handWritten, timestamp: "2025-13-01T00:00:00Z" }), "ssvc.invalid_timestamp");
    assert.equal(code({ ...handWritten, timestamp: "2025-02-30T00:00:00Z" }), "ssvc.invalid_timestamp");
    assert.equal(code({ ...handWritten, target_ids: ["a", "a"] }), "ssvc.duplicate_target");
    assert.equal(code({ ...handWritten, target_ids: [] }), "ssvc.too_few_items");
    assert.equal(code({ ...handWritten, selections: [] }), "ssvc.too_few_items");
    assert.equal(
      code({ ...handWritten, selections: [{ namespace: "ssvc", key: "E", version: "1.1.0", values: [] }] }),
      "ssvc.too_few_items",
    );
    assert.equal(
      code({ ...handWritten, selections: [{ namespace: "SSVC", key: "E", version: "1.1.0", values: [{ key: "A" }] }] }),
      "ssvc.invalid_namespace",
    );
    assert.equal(
      code({ ...handWritten, selections: [{ namespace: "ssvc", key: "E", version: "1", values: [{ key: "A" }] }] }),
      "ssvc.invalid_version",
    );
    assert.equal(
      code({
        ...handWritten,
        selections: [{ namespace: "ssvc", key: "E", version: "1.1.0", values: [{ key: "A", x: 1 }] }],
      }),
      "ssvc.unknown_field",
    );
    assert.equal(code({ ...handWritten, references: [{ uri: "not a uri", summary: "x" }] }), "ssvc.invalid_uri");
    assert.equal(code({ ...handWritten, references: [{ uri: "https://x.test" }] }), "ssvc.missing_field");
    assert.equal(code({ schemaVersion: "2.0.0", selections: handWritten.selections }), "ssvc.missing_field");
    assert.equal(code("list"), "ssvc.invalid_type");
  });

  it("check RFC 3339 timestamps", () => {
    for (const ok of ["2025-01-01T12:00:00Z", "2024-02-29T23:59:60.5+01:00", "2025-01-01t00:00:00z"])
      assert.ok(isRfc3339DateTime(ok), ok);
    for (const bad of [
      "2025-01-01",
      "2023-02-29T00:00:00Z",
      "2025-01-01T24:00:00Z",
      "2025-01-01T00:00:00",
      "2025-01-01T00:00:00+25:00",
    ]) {
      assert.ok(!isRfc3339DateTime(bad), bad);
    }
  });

  it("fuzz: arbitrary JSON and mutated lists never throw; valid ones round-trip", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (json) => {
        const result = parseSelectionList(json);
        if (!result.ok) assert.match(result.error.code, /^ssvc\.[a-z_]+$/);
      }),
      { numRuns: 500 },
    );
    const keys = [
      "schemaVersion",
      "timestamp",
      "target_ids",
      "selections",
      "references",
      "decision_point_resources",
      "extra",
    ];
    fc.assert(
      fc.property(fc.constantFrom(...keys), fc.jsonValue(), fc.boolean(), (key, value, remove) => {
        const mutated: Record<string, unknown> = structuredClone(handWritten);
        if (remove) delete mutated[key];
        else mutated[key] = value;
        const result = parseSelectionList(mutated);
        if (!result.ok) assert.match(result.error.code, /^ssvc\.[a-z_]+$/);
        else assert.deepEqual(emitSelectionList(result.value), mutated);
      }),
      { numRuns: 300 },
    );
  });
});
