import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Cvss4Effective } from "./cvss-v40.ts";
import { effectiveCvss4, emitCvss4, eqLevels, parseCvss4, scoreCvss4 } from "./cvss-v40.ts";
import type { DistanceMetric, EqHighest } from "./cvss-v40-tables.ts";
import { EQ_DEPTH, EQ_HIGHEST, MACRO_VECTOR_SCORES, SEVERITY_STEP } from "./cvss-v40-tables.ts";

function score(vector: string): number {
  const parsed = parseCvss4(vector);
  assert.ok(parsed.ok, `${vector}: ${parsed.ok || parsed.error.message}`);
  return scoreCvss4(parsed.value).score;
}

function errorOf(vector: string): { code: string; path?: string } {
  const parsed = parseCvss4(vector);
  assert.ok(!parsed.ok, `${vector} was accepted`);
  return { code: parsed.error.code, path: parsed.error.path };
}

describe("CVSS 4.0 scores", () => {
  it("matches FIRST's published base examples", () => {
    // From FIRST's CVSS v4.0 examples and calculator.
    const examples: [string, number][] = [
      ["CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N", 0],
      ["CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:A/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N", 4.6],
      ["CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:A/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N", 5.1],
      ["CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N", 6.9],
      ["CVSS:4.0/AV:L/AC:L/AT:P/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 7.3],
      ["CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:A/VC:H/VI:H/VA:H/SC:L/SI:L/SA:N", 8.5],
      ["CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 9.3],
      ["CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H", 10],
    ];
    for (const [vector, expected] of examples) assert.equal(score(vector), expected, vector);
  });

  it("scores Threat and Environmental metrics", () => {
    const base = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H";
    assert.equal(score(`${base}/E:P/CR:H/IR:H/AR:H/MSI:S/MSA:S`), 9.8);
    assert.equal(score(`${base}/E:U/CR:H/IR:H/AR:H`), 9.1);
    // E:X and omitted metrics take the worst case, so they leave the base score alone.
    assert.equal(score(`${base}/E:X/CR:X`), 10);
  });

  it("rounds half up as FIRST's corrected calculator does", () => {
    // One of the 157 vectors whose score the half-up correction changed (1.5 before, 1.6 now).
    const vector =
      "CVSS:4.0/AV:L/AC:L/AT:P/PR:L/UI:P/VC:L/VI:N/VA:H/SC:N/SI:N/SA:L/E:U/CR:L/IR:M/AR:H/MAV:L/MAC:L/MAT:P/MPR:H/MUI:N/MVC:L/MVI:X/MVA:X/MSC:L/MSI:N/MSA:X/S:X/AU:X/R:U/V:D/RE:X/U:Green";
    assert.equal(score(vector), 1.6);
    assert.equal(score("CVSS:4.0/AV:L/AC:H/AT:P/PR:N/UI:A/VC:H/VI:L/VA:N/SC:L/SI:N/SA:N"), 5.7);
  });

  it("reports nomenclature, severity and MacroVector", () => {
    const parsed = parseCvss4(
      "CVSS:4.0/AV:N/AC:L/AT:N/PR:H/UI:N/VC:L/VI:L/VA:N/SC:N/SI:N/SA:N/E:U/CR:L/IR:X/AR:L/MAV:A/MAC:H/MAT:N/MPR:N/MUI:P/MVC:X/MVI:N/MVA:H/MSC:N/MSI:L/MSA:S/S:N/AU:N/R:I/V:C/RE:H/U:Green",
    );
    assert.ok(parsed.ok);
    const scores = scoreCvss4(parsed.value);
    assert.equal(scores.nomenclature, "CVSS-BTE");
    assert.equal(scores.macroVector, eqLevels(effectiveCvss4(parsed.value.metrics)).join(""));
    assert.equal(scores.macroVector[3], "0", "MSA:S puts EQ4 at level 0");
    const bt = parseCvss4("CVSS:4.0/AV:A/AC:H/AT:P/PR:L/UI:P/VC:H/VI:H/VA:H/SC:L/SI:L/SA:L/E:P");
    assert.ok(bt.ok);
    assert.equal(scoreCvss4(bt.value).nomenclature, "CVSS-BT");
    const b = parseCvss4("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/S:P/AU:Y/U:Red");
    assert.ok(b.ok);
    assert.deepEqual(
      {
        score: scoreCvss4(b.value).score,
        severity: scoreCvss4(b.value).severity,
        name: scoreCvss4(b.value).nomenclature,
      },
      { score: 9.3, severity: "CRITICAL", name: "CVSS-B" },
    );
  });

  it("keeps supplemental metrics without letting them change the score", () => {
    const plain = "CVSS:4.0/AV:P/AC:H/AT:P/PR:L/UI:P/VC:H/VI:H/VA:H/SC:L/SI:L/SA:L/E:A";
    const withSupplemental = `${plain}/S:P/AU:Y/R:A/V:D/RE:L/U:Red`;
    const parsed = parseCvss4(withSupplemental);
    assert.ok(parsed.ok);
    assert.deepEqual(
      [parsed.value.metrics.S, parsed.value.metrics.AU, parsed.value.metrics.R, parsed.value.metrics.U],
      ["P", "Y", "A", "Red"],
    );
    assert.equal(score(withSupplemental), score(plain));
    assert.equal(emitCvss4(parsed.value), withSupplemental);
  });
});

describe("CVSS 4.0 vectors", () => {
  it("accepts the specification's valid examples (§7)", () => {
    for (const vector of [
      "CVSS:4.0/AV:N/AC:L/AT:N/PR:H/UI:N/VC:L/VI:L/VA:N/SC:N/SI:N/SA:N",
      "CVSS:4.0/AV:A/AC:H/AT:P/PR:L/UI:P/VC:H/VI:H/VA:H/SC:L/SI:L/SA:L/E:P",
      "CVSS:4.0/AV:L/AC:H/AT:N/PR:N/UI:A/VC:N/VI:N/VA:L/SC:H/SI:H/SA:H/CR:H/IR:H/AR:M/MAV:N/MAC:L/MAT:P/MPR:L/MUI:A/MVC:N/MVI:H/MVA:L/MSC:L/MSI:S/MSA:H",
      "CVSS:4.0/AV:P/AC:H/AT:P/PR:L/UI:P/VC:H/VI:H/VA:H/SC:L/SI:L/SA:L/E:A/S:P/AU:Y/R:A/V:D/RE:L/U:Red",
    ]) {
      const parsed = parseCvss4(vector);
      assert.ok(parsed.ok, vector);
      assert.equal(emitCvss4(parsed.value), vector);
    }
  });

  it("rejects the specification's invalid examples (§7), naming the metric", () => {
    assert.deepEqual(errorOf("CVSS:4.0/AV:F/AC:L/AT:N/PR:N/UI:N/VC:N/VI:L/VA:N/SC:N/SI:N/SA:N"), {
      code: "cvss.invalid_value",
      path: "AV",
    });
    assert.deepEqual(errorOf("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N/E:A/E:X"), {
      code: "cvss.duplicate_metric",
      path: "E",
    });
    assert.deepEqual(errorOf("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/ui:N/VC:N/VI:L/VA:N/SC:N/SI:N/SA:N"), {
      code: "cvss.unknown_metric",
      path: "ui",
    });
    assert.equal(errorOf("AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:L/VA:N/SC:N/SI:N/SA:N").code, "cvss.missing_prefix");
    assert.deepEqual(errorOf("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:L/SC:N/SI:N/SA:N"), {
      code: "cvss.missing_metric",
      path: "VA",
    });
    assert.deepEqual(
      errorOf(
        "CVSS:4.0/AC:L/AV:N/PR:H/UI:N/VC:L/VI:L/VA:N/SC:N/SI:N/SA:N/CR:L/IR:X/AR:L/RE:H/MAV:A/MAC:H/MAT:N/MPR:N/MUI:P/AT:N/MVC:X/MVI:N/MVA:H/MSC:N/MSI:L/MSA:S/E:U/S:N/AU:N/R:I/V:C/U:Green",
      ),
      { code: "cvss.metric_order", path: "AV" },
    );
  });

  it("rejects other malformed vectors", () => {
    const base = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:L/VA:N/SC:N/SI:N/SA:N";
    const cases: [string, string, string | undefined][] = [
      [`${base}/`, "cvss.malformed", undefined],
      [base.replace("/AC:L", "//AC:L"), "cvss.malformed", undefined],
      [base.replace("AC:L", "AC"), "cvss.malformed", undefined],
      [base.replace("AC:L", "AC:"), "cvss.invalid_value", "AC"],
      [base.replace("AC:L", "AC:l"), "cvss.invalid_value", "AC"],
      [base.replace("SI:N", "SI:S"), "cvss.invalid_value", "SI"],
      [`${base}/U:green`, "cvss.invalid_value", "U"],
      [`${base}/X:X`, "cvss.unknown_metric", "X"],
      [base.toLowerCase(), "cvss.missing_prefix", undefined],
      [`${base} `, "cvss.invalid_value", "SA"],
      ["CVSS:4.0/", "cvss.missing_metric", "AV"],
      [`${base}/E:A/CR:H/E:P`, "cvss.duplicate_metric", "E"],
      [`${base}/CR:H/E:P`, "cvss.metric_order", "E"],
      [`${base}/U:Red/S:N`, "cvss.metric_order", "S"],
    ];
    for (const [vector, code, path] of cases) assert.deepEqual(errorOf(vector), { code, path }, vector);
  });
});

describe("CVSS 4.0 tables", () => {
  it("has the 270 MacroVectors, each scoring itself at its highest severity vector", () => {
    assert.equal(Object.keys(MACRO_VECTOR_SCORES).length, 270);
    assert.equal(MACRO_VECTOR_SCORES["000000"], 10);
    assert.equal(MACRO_VECTOR_SCORES["212221"], 0.1);
  });

  // Per EQ: the metrics it reads, their values (most severe first), the highest vectors and depths per level.
  const eqs: {
    name: string;
    metrics: DistanceMetric[];
    level: (e: Cvss4Effective) => number;
    highest: Readonly<Record<number, readonly EqHighest[]>>;
    depth: Readonly<Record<number, number>>;
  }[] = [
    {
      name: "EQ1",
      metrics: ["AV", "PR", "UI"],
      level: (e) => eqLevels(e)[0],
      highest: EQ_HIGHEST.eq1,
      depth: EQ_DEPTH.eq1,
    },
    { name: "EQ2", metrics: ["AC", "AT"], level: (e) => eqLevels(e)[1], highest: EQ_HIGHEST.eq2, depth: EQ_DEPTH.eq2 },
    {
      name: "EQ3+EQ6",
      metrics: ["VC", "VI", "VA", "CR", "IR", "AR"],
      level: (e) => eqLevels(e)[2] * 10 + eqLevels(e)[5],
      highest: EQ_HIGHEST.eq3eq6,
      depth: EQ_DEPTH.eq3eq6,
    },
    {
      name: "EQ4",
      metrics: ["SC", "SI", "SA"],
      level: (e) => eqLevels(e)[3],
      highest: EQ_HIGHEST.eq4,
      depth: EQ_DEPTH.eq4,
    },
  ];
  const parsedWorst = parseCvss4("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H");
  assert.ok(parsedWorst.ok);
  const worst = effectiveCvss4(parsedWorst.value.metrics);

  /** Every combination of the EQ's metric values, as effective vectors. */
  function* combinations(metrics: DistanceMetric[], partial: Cvss4Effective = worst): Generator<Cvss4Effective> {
    const [first, ...rest] = metrics;
    if (first === undefined) {
      yield partial;
      return;
    }
    for (const value of Object.keys(SEVERITY_STEP[first])) {
      yield* combinations(rest, { ...partial, [first]: value });
    }
  }

  function distance(e: Cvss4Effective, highest: EqHighest): number | undefined {
    let total = 0;
    for (const [metric, value] of highest) {
      const step = SEVERITY_STEP[metric][e[metric]]! - SEVERITY_STEP[metric][value]!;
      if (step < 0) return undefined;
      total += step;
    }
    return total;
  }

  for (const eq of eqs) {
    it(`${eq.name}: every vector has a highest severity vector above it, and depths are the level's span plus one`, () => {
      const deepest = new Map<number, number>();
      for (const e of combinations(eq.metrics)) {
        const level = eq.level(e);
        const highest = eq.highest[level];
        assert.ok(highest, `${eq.name} level ${level} has highest vectors`);
        const distances = highest.map((h) => distance(e, h)).filter((d) => d !== undefined);
        assert.ok(distances.length > 0, `${JSON.stringify(e)} has no highest vector above it`);
        // Any dominating highest vector gives the same distance, so the first one is as good as any.
        assert.equal(new Set(distances).size, 1);
        deepest.set(level, Math.max(deepest.get(level) ?? 0, distances[0]!));
      }
      for (const [level, span] of deepest) assert.equal(eq.depth[level], span + 1, `${eq.name} level ${level}`);
    });
  }
});
