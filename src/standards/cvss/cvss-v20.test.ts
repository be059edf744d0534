import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { cvss2SeverityOf, emitCvss2, parseCvss2, scoreCvss2 } from "./cvss-v20.ts";

function scores(vector: string) {
  const parsed = parseCvss2(vector);
  assert.ok(parsed.ok, `${vector}: ${parsed.ok || parsed.error.message}`);
  return scoreCvss2(parsed.value);
}

describe("CVSS 2.0", () => {
  it("matches the guide's examples (§3.3)", () => {
    const examples: [string, number, number, number][] = [
      ["AV:N/AC:L/Au:N/C:N/I:N/A:C/E:F/RL:OF/RC:C", 7.8, 6.4, 6.4],
      ["AV:N/AC:L/Au:N/C:N/I:N/A:C/E:F/RL:OF/RC:C/CDP:H/TD:H/CR:M/IR:M/AR:H", 7.8, 6.4, 9.2],
      ["AV:N/AC:L/Au:N/C:C/I:C/A:C/E:F/RL:OF/RC:C", 10, 8.3, 8.3],
      ["AV:L/AC:H/Au:N/C:C/I:C/A:C/E:POC/RL:OF/RC:C", 6.2, 4.9, 4.9],
    ];
    for (const [vector, base, temporal, environmental] of examples) {
      const result = scores(vector);
      assert.deepEqual([result.base, result.temporal, result.environmental], [base, temporal, environmental], vector);
    }
  });

  it("rounds the adjusted base and temporal scores before the environmental equation", () => {
    // With CR:M and AR:M nothing changes, so environmental must equal temporal (5.7 × 0.87 → 5.0).
    const result = scores("AV:N/AC:M/Au:M/C:C/I:N/A:N/E:H/RL:OF/RC:C/CDP:ND/TD:H/CR:M/IR:ND/AR:M");
    assert.deepEqual([result.base, result.temporal, result.environmental], [5.7, 5, 5]);
  });

  it("stops the environmental score at 0 where the guide's equation goes negative", () => {
    // Adjusted impact 10.41 × 0.275 × 0.5 = 1.43 gives an adjusted base of (0.858 + 0.48 − 1.5) × 1.176 < 0.
    const result = scores("AV:L/AC:H/Au:M/C:P/I:N/A:N/E:U/RL:OF/RC:UC/CDP:N/TD:H/CR:L/IR:L/AR:L");
    assert.deepEqual([result.base, result.environmental, result.score], [0.8, 0, 0]);
  });

  it("reports subscores and the most specific score", () => {
    const result = scores("AV:N/AC:L/Au:N/C:P/I:P/A:P");
    assert.deepEqual([result.base, result.impact, result.exploitability, result.score], [7.5, 6.4, 10, 7.5]);
    assert.equal(result.severity, "HIGH");
    assert.equal(cvss2SeverityOf(3.9), "LOW");
    assert.equal(cvss2SeverityOf(4), "MEDIUM");
  });

  it("requires the guide's order and emits without ND metrics", () => {
    const parsed = parseCvss2("AV:N/AC:L/Au:N/C:P/I:P/A:P/E:ND/RL:OF/RC:ND/CDP:ND/TD:ND/CR:ND/IR:ND/AR:ND");
    assert.ok(parsed.ok);
    assert.equal(emitCvss2(parsed.value), "AV:N/AC:L/Au:N/C:P/I:P/A:P/RL:OF");
    const cases: [string, string, string | undefined][] = [
      ["AC:L/AV:N/Au:N/C:P/I:P/A:P", "cvss.metric_order", "AV"],
      ["AV:N/AC:L/Au:N/C:P/I:P", "cvss.missing_metric", "A"],
      ["AV:N/AC:L/Au:N/C:P/I:P/A:P/E:X", "cvss.invalid_value", "E"],
      ["AV:N/AC:L/AU:N/C:P/I:P/A:P", "cvss.unknown_metric", "AU"],
      ["(AV:N/AC:L/Au:N/C:P/I:P/A:P)", "cvss.unknown_metric", "(AV"],
      ["", "cvss.missing_metric", "AV"],
    ];
    for (const [vector, code, path] of cases) {
      const result = parseCvss2(vector);
      assert.ok(!result.ok, vector);
      assert.deepEqual({ code: result.error.code, path: result.error.path }, { code, path }, vector);
    }
  });
});
