import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { emitCvss3, parseCvss3, scoreCvss3 } from "./cvss-v3.ts";
import { roundup31 } from "./cvss-v31.ts";

function scores(vector: string) {
  const parsed = parseCvss3(vector);
  assert.ok(parsed.ok, `${vector}: ${parsed.ok || parsed.error.message}`);
  return scoreCvss3(parsed.value);
}

describe("CVSS 3.1", () => {
  it("matches the specification's base examples and ratings", () => {
    const examples: [string, number, string][] = [
      ["CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", 0, "NONE"],
      ["CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:L/I:N/A:N", 3.3, "LOW"],
      ["CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1, "MEDIUM"],
      ["CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 8.8, "HIGH"],
      ["CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8, "CRITICAL"],
      ["CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10, "CRITICAL"],
    ];
    for (const [vector, base, severity] of examples) {
      const result = scores(vector);
      assert.deepEqual([result.base, result.score, result.severity], [base, base, severity], vector);
    }
  });

  it("computes temporal and environmental scores (user guide examples)", () => {
    const a = scores("CVSS:3.1/AV:P/AC:H/PR:L/UI:R/S:U/C:L/I:L/A:H/E:H/RL:U/RC:U");
    assert.deepEqual([a.base, a.temporal, a.environmental, a.score], [5, 4.6, 4.6, 4.6]);
    const b = scores("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:N/A:N/RL:O/CR:L");
    assert.deepEqual([b.base, b.temporal, b.environmental, b.score], [8.6, 8.2, 6, 6]);
    assert.deepEqual([b.impact, b.exploitability], [4, 3.9]);
  });

  it("rounds up with Appendix A's Roundup", () => {
    assert.equal(roundup31(4.000000000000001), 4);
    assert.equal(roundup31(4.02), 4.1);
    assert.equal(roundup31(4.6000000000000005), 4.6);
    assert.equal(roundup31(0), 0);
  });

  it("accepts metrics in any order and emits them in Table 15 order without X", () => {
    const parsed = parseCvss3("CVSS:3.1/S:U/C:H/I:H/A:H/AV:N/AC:L/PR:N/UI:N/E:X/MAV:L");
    assert.ok(parsed.ok);
    assert.equal(emitCvss3(parsed.value), "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/MAV:L");
  });

  it("rejects bad vectors, naming the metric", () => {
    const base = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
    const cases: [string, string, string | undefined][] = [
      [`${base}/AV:L`, "cvss.duplicate_metric", "AV"],
      [base.replace("/S:U", ""), "cvss.missing_metric", "S"],
      [base.replace("S:U", "S:X"), "cvss.invalid_value", "S"],
      [`${base}/E:A`, "cvss.invalid_value", "E"],
      [`${base}/AT:N`, "cvss.unknown_metric", "AT"],
      [`${base}/`, "cvss.malformed", undefined],
      ["CVSS:3.2/AV:N", "cvss.missing_prefix", undefined],
      ["AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "cvss.missing_prefix", undefined],
    ];
    for (const [vector, code, path] of cases) {
      const parsed = parseCvss3(vector);
      assert.ok(!parsed.ok, vector);
      assert.deepEqual({ code: parsed.error.code, path: parsed.error.path }, { code, path }, vector);
    }
  });
});

describe("CVSS 3.0", () => {
  it("rounds up by ceiling, unlike 3.1", () => {
    // Same metrics as the 3.1 user guide example: 5.0 × 0.92 is 4.6000000000000005 in binary.
    const a = scores("CVSS:3.0/AV:P/AC:H/PR:L/UI:R/S:U/C:L/I:L/A:H/E:H/RL:U/RC:U");
    assert.deepEqual([a.version, a.base, a.temporal, a.environmental], ["3.0", 5, 4.7, 4.7]);
  });

  it("uses the 3.0 Modified Impact for a changed scope", () => {
    const a = scores("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:N/A:N/RL:O/CR:L");
    assert.deepEqual([a.base, a.temporal, a.environmental], [8.6, 8.2, 6]);
    // A high MISS separates the two formulas: 3.0 keeps the ^15 term, 3.1 scales MISS by 0.9731 with ^13.
    const v30 = scores("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H/CR:H/IR:H/AR:H");
    const v31 = scores("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H/CR:H/IR:H/AR:H");
    assert.deepEqual([v30.environmental, v31.environmental], [10, 10]);
    const low30 = scores("CVSS:3.0/AV:P/AC:H/PR:H/UI:R/S:C/C:L/I:L/A:N/MC:H/MI:H/MA:H");
    const low31 = scores("CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:C/C:L/I:L/A:N/MC:H/MI:H/MA:H");
    assert.notEqual(low30.environmental, low31.environmental);
  });

  it("reads 3.0 prefixes into 3.0 vectors and emits them back", () => {
    const parsed = parseCvss3(
      "CVSS:3.0/S:C/C:H/I:H/A:N/AV:P/AC:H/PR:H/UI:R/E:H/RL:O/RC:R/CR:H/IR:X/AR:X/MAC:H/MPR:X/MUI:X/MC:L/MA:X",
    );
    assert.ok(parsed.ok);
    assert.equal(parsed.value.version, "3.0");
    assert.equal(emitCvss3(parsed.value), "CVSS:3.0/AV:P/AC:H/PR:H/UI:R/S:C/C:H/I:H/A:N/E:H/RL:O/RC:R/CR:H/MAC:H/MC:L");
    const result = scoreCvss3(parsed.value);
    assert.deepEqual([result.base, result.temporal, result.environmental], [6.5, 6, 5.3]);
  });
});
