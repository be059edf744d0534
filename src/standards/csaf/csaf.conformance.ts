/**
 * CSAF 2.0 conformance harness: the OASIS validator test cases (mandatory and optional tests), the real advisories
 * of the CSAF repository (validity and parse → emit round trip), and the provider metadata and ROLIE feed examples.
 */

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { type ConformanceSuite, SuiteTally } from "../conformance-suite.ts";
import { emitCsaf, parseCsaf } from "./codec.ts";
import { parseProviderMetadata, validateProviderMetadata } from "./provider-metadata.ts";
import { parseRolieFeed, validateRolieFeed } from "./rolie.ts";
import csafSchema from "./schemas/csaf-json-schema.json" with { type: "json" };
import providerSchema from "./schemas/provider-json-schema.json" with { type: "json" };
import { validateCsaf } from "./validate.ts";

interface TestCases {
  tests: { id: string; group: string; failures?: { name: string }[]; valid?: { name: string }[] }[];
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, "utf8"));
}

/** Runs the validator-test cases of one group; `flagged` says whether a report attributes the test id. */
function testCaseSuite(suite: string, group: "mandatory" | "optional", required: boolean): ConformanceSuite {
  return {
    suite,
    required,
    async run(dir) {
      const data = join(dir, "csaf-2.0/validator-tests/data");
      const cases = readJson(join(data, "testcases.json")) as TestCases;
      const tally = new SuiteTally();
      for (const test of cases.tests.filter((t) => t.group === group)) {
        for (const [files, mustFail] of [
          [test.failures ?? [], true],
          [test.valid ?? [], false],
        ] as const) {
          for (const { name } of files) {
            const report = validateCsaf(readJson(join(data, name)));
            const issues = group === "mandatory" ? report.errors : report.warnings;
            const attributed = issues.some((i) => i.test === test.id);
            // A valid mandatory case must pass the whole validator; a valid optional case must not warn for its test.
            const passed = mustFail ? attributed : group === "mandatory" ? report.errors.length === 0 : !attributed;
            const shown = mustFail ? "not reported" : issues.map((i) => `${i.test} ${i.path} ${i.message}`).join("; ");
            tally.check(`${test.id} ${name}`, passed, passed ? "" : shown);
          }
        }
      }
      return tally.outcome();
    },
  };
}

/** Every real advisory validates without errors and round-trips parse → emit to an equal JSON value. */
const examples: ConformanceSuite = {
  suite: "csaf-2.0-examples",
  required: true,
  async run(dir) {
    const root = join(dir, "csaf-2.0/examples/csaf");
    const files = readdirSync(root, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".json"));
    const tally = new SuiteTally();
    for (const file of files.sort()) {
      const value = readJson(join(root, file));
      const report = validateCsaf(value);
      const parsed = parseCsaf(value);
      const roundTrip = parsed.ok && isDeepStrictEqual(JSON.parse(emitCsaf(parsed.value)), value);
      const reason = report.errors.map((e) => `${e.test} ${e.path} ${e.message}`).join("; ") || "round trip differs";
      tally.check(file, report.valid && roundTrip, reason);
    }
    return tally.outcome();
  },
};

/**
 * The provider metadata examples validate and round-trip; the ROLIE feed examples validate as CSAF feeds; and the
 * schemas the library bundles are the OASIS ones.
 */
const providerMetadata: ConformanceSuite = {
  suite: "csaf-2.0-provider-metadata",
  required: true,
  async run(dir) {
    const tally = new SuiteTally();
    for (const [name, bundled] of [
      ["csaf_json_schema.json", csafSchema],
      ["provider_json_schema.json", providerSchema],
    ] as const) {
      const upstream = readJson(join(dir, "csaf-2.0/schema", name));
      tally.check(`bundled ${name}`, isDeepStrictEqual(bundled, upstream), "differs from the OASIS schema");
    }
    const metadataDir = join(dir, "csaf-2.0/examples/provider-metadata");
    for (const file of readdirSync(metadataDir).filter((f) => f.endsWith(".json"))) {
      const value = readJson(join(metadataDir, file));
      const report = validateProviderMetadata(value);
      const parsed = parseProviderMetadata(value);
      const roundTrip = parsed.ok && isDeepStrictEqual(JSON.parse(emitCsaf(parsed.value)), value);
      tally.check(file, report.valid && report.warnings.length === 0 && roundTrip, JSON.stringify(report.errors));
    }
    const rolieDir = join(dir, "csaf-2.0/examples/ROLIE");
    for (const file of readdirSync(rolieDir).filter((f) => f.includes("feed"))) {
      const value = readJson(join(rolieDir, file));
      const report = validateRolieFeed(value);
      tally.check(file, report.valid && parseRolieFeed(value).ok, JSON.stringify(report.errors));
    }
    return tally.outcome();
  },
};

/** The CSAF 2.0 suites. */
export const suites: ConformanceSuite[] = [
  testCaseSuite("csaf-2.0-mandatory", "mandatory", true),
  testCaseSuite("csaf-2.0-optional", "optional", false),
  examples,
  providerMetadata,
];
