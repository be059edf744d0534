/**
 * JSON schemas for CVSS v2.0, v3.0 and v3.1 objects in FIRST's JSON representation, under the `$id`s the CSAF 2.0
 * schema references. Built from the metric tables, so enums and the vector pattern cannot drift from the parser.
 */

import { type CsafCvssVersion, type CvssMetric, cvssJsonMetrics } from "./cvss-json.ts";

/** The URIs the CSAF schema uses to reference the FIRST CVSS schemas. */
export const CVSS_SCHEMA_IDS: Readonly<Record<CsafCvssVersion, string>> = {
  "2.0": "https://www.first.org/cvss/cvss-v2.0.json",
  "3.0": "https://www.first.org/cvss/cvss-v3.0.json",
  "3.1": "https://www.first.org/cvss/cvss-v3.1.json",
};

const SCORE = { type: "number", minimum: 0, maximum: 10 };
const SEVERITY = { type: "string", enum: ["NONE", "LOW", "MEDIUM", "HIGH", "CRITICAL"] };

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** `(AV:(N|A|L)|AC:(L|H)|…)`: one metric of the table, any order, as FIRST's own schemas allow. */
function metricAlternation(metrics: readonly CvssMetric[]): string {
  return `(${metrics.map((m) => `${m.key}:(${Object.keys(m.values).map(escapeRegex).join("|")})`).join("|")})`;
}

/** The schema of one CVSS version. */
export function cvssSchema(version: CsafCvssVersion): Record<string, unknown> {
  const metrics = cvssJsonMetrics(version);
  const one = metricAlternation(metrics);
  const prefix = version === "2.0" ? "" : escapeRegex(`CVSS:${version}/`);
  const properties: Record<string, unknown> = {
    version: { type: "string", enum: [version] },
    vectorString: { type: "string", pattern: `^${prefix}(${one}/)*${one}$` },
  };
  for (const metric of metrics) {
    properties[metric.property] = { type: "string", enum: Object.values(metric.values) };
  }
  properties.baseScore = SCORE;
  properties.temporalScore = SCORE;
  properties.environmentalScore = SCORE;
  if (version !== "2.0") {
    properties.baseSeverity = SEVERITY;
    properties.temporalSeverity = SEVERITY;
    properties.environmentalSeverity = SEVERITY;
  }
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: CVSS_SCHEMA_IDS[version],
    type: "object",
    properties,
    required:
      version === "2.0"
        ? ["version", "vectorString", "baseScore"]
        : ["version", "vectorString", "baseScore", "baseSeverity"],
  };
}
