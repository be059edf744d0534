import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import {
  builtinDecisionTable,
  builtinDecisionTables,
  compareValues,
  type DecisionTable,
  evaluateDecisionTable,
  findValue,
  parseDecisionTableCsv,
  possibleOutcomes,
  SSVC_TABLE_IDS,
} from "./index.ts";

const deployer = builtinDecisionTable(SSVC_TABLE_IDS.deployer);
const supplier = builtinDecisionTable(SSVC_TABLE_IDS.supplier);
const helpers = [
  builtinDecisionTable(SSVC_TABLE_IDS.humanImpact),
  builtinDecisionTable(SSVC_TABLE_IDS.utility),
  builtinDecisionTable(SSVC_TABLE_IDS.publicSafetyImpact),
];

function outcomeKey(table: DecisionTable, inputs: Record<string, string | string[]>, derive?: DecisionTable[]): string {
  const result = evaluateDecisionTable(table, inputs, derive ? { derive } : {});
  assert.ok(result.ok, result.ok ? "" : `${result.error.code}: ${result.error.message}`);
  return result.value.value.key;
}

function errorCode(table: DecisionTable, inputs: Record<string, unknown>, derive?: DecisionTable[]): string {
  const result = evaluateDecisionTable(table, inputs as Record<string, string>, derive ? { derive } : {});
  assert.ok(!result.ok, "expected an error");
  return result.error.code;
}

describe("built-in tables", () => {
  it("hold the CERT/CC, CISA and CVSS tables", () => {
    const ids = builtinDecisionTables().map((table) => `${table.namespace}:${table.key}:${table.version}`);
    for (const id of Object.values(SSVC_TABLE_IDS)) assert.ok(ids.includes(id), id);
    assert.equal(ids.length, 16);
    assert.equal(builtinDecisionTable("ssvc:NOPE:1.0.0"), undefined);
  });

  it("are complete: every input combination has exactly one row", () => {
    for (const table of builtinDecisionTables()) {
      const combinations = table.inputs.reduce((n, point) => n * point.values.length, 1);
      assert.equal(table.rows.length, combinations, `${table.key}`);
    }
  });
});

describe("evaluateDecisionTable", () => {
  it("gives published outcomes by id, bare key, value key or value name", () => {
    assert.equal(
      outcomeKey(deployer, { "ssvc:E:1.1.0": "A", "ssvc:EXP:1.0.1": "O", "ssvc:A:2.0.0": "Y", "ssvc:HI:2.0.2": "VH" }),
      "I",
    );
    assert.equal(outcomeKey(deployer, { E: "none", EXP: "Small", A: "no", HI: "low" }), "D");
    assert.equal(outcomeKey(deployer, { E: "public poc", EXP: "controlled", A: "N", HI: "M" }), "S");
    assert.equal(outcomeKey(supplier, { E: "A", U: "S", TI: "T", PSI: "S" }), "I");
    const cisa = builtinDecisionTable(SSVC_TABLE_IDS.cisaCoordinator);
    assert.equal(outcomeKey(cisa, { E: "A", A: "Y", TI: "T", MWI: "H" }), "AC");
  });

  it("derives missing inputs through helper tables", () => {
    // Critical safety impact with MEF failure is High human impact; with Active/Open/Yes that is Immediate.
    assert.equal(outcomeKey(deployer, { E: "A", EXP: "O", A: "Y", SI: "R", MI: "MEF" }, helpers), "I");
    // Marginal safety impact + degraded mission is Low human impact → Out-of-Cycle.
    const result = evaluateDecisionTable(deployer, { E: "A", EXP: "O", A: "Y", SI: "M", MI: "D" }, { derive: helpers });
    assert.ok(result.ok);
    assert.equal(result.value.value.name, "Out-of-Cycle");
    assert.deepEqual(
      result.value.selections.map((s) => `${s.decisionPoint.key}=${s.value.key}`),
      ["E=A", "EXP=O", "A=Y", "SI=M", "MI=D", "HI=L", "DSOI=O"],
    );
    // Utility from Automatable + Value Density, Public Safety Impact from Safety Impact.
    assert.equal(outcomeKey(supplier, { E: "A", A: "Y", VD: "C", TI: "T", SI: "C" }, helpers), "I");
  });

  it("reports bad selections with stable codes", () => {
    assert.equal(errorCode(deployer, { E: "A", EXP: "O", A: "Y" }), "ssvc.missing_value");
    assert.equal(errorCode(deployer, { E: "A", EXP: "O", A: "Y", HI: "Huge" }), "ssvc.unknown_value");
    assert.equal(errorCode(deployer, { E: "A", EXP: "O", A: "Y", HI: "L", XYZ: "1" }), "ssvc.unknown_decision_point");
    assert.equal(
      errorCode(deployer, { E: "A", "ssvc:E:1.1.0": "A", EXP: "O", A: "Y", HI: "L" }),
      "ssvc.duplicate_input",
    );
    assert.equal(errorCode(deployer, { E: ["A", "P"], EXP: "O", A: "Y", HI: "L" }), "ssvc.multiple_values");
    assert.equal(errorCode(deployer, { E: [], EXP: "O", A: "Y", HI: "L" }), "ssvc.missing_value");
    assert.equal(errorCode(deployer, { E: 3, EXP: "O", A: "Y", HI: "L" }), "ssvc.unknown_value");
    const cvssEq4 = builtinDecisionTable("cvss:DT_CVSS4_EQ4:1.0.0");
    const triage = builtinDecisionTable(SSVC_TABLE_IDS.coordinatorTriage);
    assert.equal(errorCode(triage, { SC: "O" }, [cvssEq4]), "ssvc.ambiguous_decision_point");
    const result = evaluateDecisionTable(deployer, null as unknown as Record<string, string>);
    assert.ok(!result.ok && result.error.code === "ssvc.invalid_type");
  });

  it("reports an incomplete table", () => {
    const partial: DecisionTable = { ...deployer, rows: deployer.rows.slice(1) };
    assert.equal(errorCode(partial, { E: "N", EXP: "S", A: "N", HI: "L" }), "ssvc.no_matching_row");
  });

  it("fuzz: never throws on arbitrary inputs", () => {
    const names = fc.constantFrom("E", "EXP", "A", "HI", "SI", "MI", "ssvc:E:1.1.0", "x", "__proto__");
    const values = fc.oneof(fc.constantFrom("A", "N", "P", "Y", "O", "S", "C", "L", "VH", "active"), fc.string());
    fc.assert(
      fc.property(fc.dictionary(names, fc.oneof(values, fc.array(values), fc.anything())), (inputs) => {
        for (const options of [{}, { derive: helpers }]) {
          const result = evaluateDecisionTable(deployer, inputs as Record<string, string>, options);
          if (!result.ok) assert.match(result.error.code, /^ssvc\.[a-z_]+$/);
          const possible = possibleOutcomes(deployer, inputs as Record<string, string>, options);
          if (!possible.ok) assert.match(possible.error.code, /^ssvc\.[a-z_]+$/);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe("possibleOutcomes", () => {
  it("spans uncertain and missing inputs, in outcome order", () => {
    const all = possibleOutcomes(deployer, {});
    assert.ok(all.ok);
    assert.deepEqual(
      all.value.map((v) => v.key),
      ["D", "S", "O", "I"],
    );
    const some = possibleOutcomes(deployer, { E: ["N", "P"], EXP: "S", A: "N", HI: "L" });
    assert.ok(some.ok);
    assert.deepEqual(
      some.value.map((v) => v.key),
      ["D"],
    );
    const derived = possibleOutcomes(deployer, { E: "A", EXP: "O", A: "Y", SI: "C" }, { derive: helpers });
    assert.ok(derived.ok);
    // Catastrophic safety impact makes Human Impact Very High whatever the mission impact.
    assert.deepEqual(
      derived.value.map((v) => v.key),
      ["I"],
    );
  });
});

describe("decision point values", () => {
  it("are ordered and found by key or name", () => {
    const exploitation = deployer.inputs[0]!;
    assert.equal(findValue(exploitation, "P")?.name, "Public PoC");
    assert.equal(findValue(exploitation, "public poc")?.key, "P");
    assert.equal(findValue(exploitation, "nope"), undefined);
    assert.ok(compareValues(exploitation, "N", "A") < 0);
    assert.ok(compareValues(exploitation, "A", "P") > 0);
    assert.ok(compareValues(exploitation, "X", "A") > 0);
  });
});

describe("parseDecisionTableCsv", () => {
  const utility = builtinDecisionTable(SSVC_TABLE_IDS.utility);

  it("reads the SSVC CSV export against a table", () => {
    const text =
      "row,Automatable v2.0.0,Value Density v1.0.0,Utility v1.0.1\n0,no,diffuse,laborious\n1,yes,concentrated,super effective\n";
    const rows = parseDecisionTableCsv(text, utility);
    assert.deepEqual(rows, {
      ok: true,
      value: [
        { row: "0", inputs: { "ssvc:A:2.0.0": "N", "ssvc:VD:1.0.0": "D" }, outcome: "L" },
        { row: "1", inputs: { "ssvc:A:2.0.0": "Y", "ssvc:VD:1.0.0": "C" }, outcome: "S" },
      ],
    });
  });

  it("rejects unknown columns and values", () => {
    const badColumn = parseDecisionTableCsv("row,Automatable v9.0.0,Value Density v1.0.0,Utility v1.0.1\n", utility);
    assert.ok(!badColumn.ok && badColumn.error.code === "ssvc.csv_unknown_column");
    const badValue = parseDecisionTableCsv(
      "row,Automatable v2.0.0,Value Density v1.0.0,Utility v1.0.1\n0,maybe,diffuse,laborious\n",
      utility,
    );
    assert.ok(!badValue.ok && badValue.error.code === "ssvc.csv_unknown_value" && badValue.error.path === "row 1");
    const missing = parseDecisionTableCsv("row,Automatable v2.0.0,Utility v1.0.1\n", utility);
    assert.ok(!missing.ok && missing.error.code === "ssvc.csv_missing_column");
  });

  it("fuzz: never throws", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const result = parseDecisionTableCsv(
          `row,Automatable v2.0.0,Value Density v1.0.0,Utility v1.0.1\n${text}`,
          utility,
        );
        if (!result.ok) assert.match(result.error.code, /^(ssvc|csv)\.[a-z_]+$/);
      }),
      { numRuns: 500 },
    );
  });
});
