import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CVSS2_METRICS, CVSS3_METRICS } from "../cvss/index.ts";
import { CVSS_V2_METRICS, CVSS_V3_METRICS, type CvssMetric } from "./cvss-json.ts";
import { cvssSchema } from "./cvss-schemas.ts";

function valueSets(metrics: readonly CvssMetric[]): Record<string, string[]> {
  return Object.fromEntries(metrics.map((m) => [m.key, Object.keys(m.values).sort()]));
}

function grammarSets(table: Readonly<Record<string, readonly string[]>>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(table).map(([key, values]) => [key, [...values].sort()]));
}

describe("CVSS JSON tables", () => {
  it("name exactly the metrics and values of ../cvss's vector grammars", () => {
    assert.deepEqual(valueSets(CVSS_V3_METRICS), grammarSets(CVSS3_METRICS));
    assert.deepEqual(valueSets(CVSS_V2_METRICS), grammarSets(CVSS2_METRICS));
  });

  it("build schemas whose vector pattern follows the version", () => {
    const pattern = (version: "2.0" | "3.0" | "3.1") => {
      const properties = cvssSchema(version).properties as Record<string, { pattern?: string }>;
      return new RegExp(properties.vectorString!.pattern!);
    };
    assert.ok(pattern("3.1").test("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P"));
    assert.ok(!pattern("3.0").test("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"));
    assert.ok(pattern("2.0").test("AV:N/AC:L/Au:N/C:P/I:P/A:P/E:POC/RL:OF/RC:UR"));
    assert.ok(!pattern("2.0").test("AV:N/AC:L/Au:N/C:P/I:P/A:Q"));
    assert.deepEqual(cvssSchema("2.0").required, ["version", "vectorString", "baseScore"]);
    assert.deepEqual(cvssSchema("3.1").required, ["version", "vectorString", "baseScore", "baseSeverity"]);
  });
});
