/**
 * purl-spec conformance: every case of `purl/spec/specification-test.json` and
 * `purl/types/*-test.json`, split by test type (parse, build, validate). Both the "required" and
 * the "recommended" groups are counted; every case passes, so every suite is required.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { type ConformanceSuite, SuiteTally } from "../conformance-suite.ts";
import { buildPurl, canonicalizePurl, formatPurl, type PackageUrl, type PurlComponents, parsePurl } from "./index.ts";

interface PurlTestCase {
  description: string;
  test_group: string;
  test_type: "parse" | "build" | "validate";
  input: string | PurlComponents;
  expected_output: string | ExpectedComponents | null;
  expected_failure?: boolean;
}

interface ExpectedComponents {
  type: string;
  namespace: string | null;
  name: string;
  version: string | null;
  qualifiers: Record<string, string> | null;
  subpath: string | null;
}

async function loadCases(dir: string): Promise<Array<PurlTestCase & { file: string }>> {
  const typesDir = join(dir, "purl", "types");
  const files = [join(dir, "purl", "spec", "specification-test.json")];
  for (const name of (await readdir(typesDir)).sort()) {
    if (name.endsWith("-test.json")) files.push(join(typesDir, name));
  }
  const cases: Array<PurlTestCase & { file: string }> = [];
  for (const file of files) {
    const data = JSON.parse(await readFile(file, "utf8")) as { tests: PurlTestCase[] };
    const stem = file.slice(file.lastIndexOf("/") + 1, -".json".length);
    for (const test of data.tests) cases.push({ ...test, file: stem });
  }
  return cases;
}

function sameComponents(actual: PackageUrl, expected: ExpectedComponents): boolean {
  const qualifiers = actual.qualifiers ?? null;
  const expectedQualifiers = expected.qualifiers ?? null;
  const sameQualifiers =
    qualifiers === null || expectedQualifiers === null
      ? qualifiers === expectedQualifiers
      : Object.keys(qualifiers).length === Object.keys(expectedQualifiers).length &&
        Object.entries(expectedQualifiers).every(([key, value]) => qualifiers[key] === value);
  return (
    actual.type === expected.type &&
    (actual.namespace ?? null) === expected.namespace &&
    actual.name === expected.name &&
    (actual.version ?? null) === expected.version &&
    (actual.subpath ?? null) === expected.subpath &&
    sameQualifiers
  );
}

/** Run one case; returns "" when it passes, otherwise the reason. */
function runCase(test: PurlTestCase): string {
  if (test.test_type === "parse") {
    const parsed = parsePurl(test.input as string);
    if (test.expected_failure) return parsed.ok ? `accepted, gave ${formatPurl(parsed.value)}` : "";
    if (!parsed.ok) return `rejected: ${parsed.error.code} ${parsed.error.message}`;
    return sameComponents(parsed.value, test.expected_output as ExpectedComponents)
      ? ""
      : `got ${JSON.stringify(parsed.value)}`;
  }
  if (test.test_type === "build") {
    const built = buildPurl(test.input as PurlComponents);
    if (test.expected_failure) return built.ok ? `accepted, gave ${formatPurl(built.value)}` : "";
    if (!built.ok) return `rejected: ${built.error.code} ${built.error.message}`;
    const text = formatPurl(built.value);
    return text === test.expected_output ? "" : `got ${text}`;
  }
  const canonical = canonicalizePurl(test.input as string);
  if (test.expected_failure) return canonical.ok ? `accepted, gave ${canonical.value}` : "";
  if (!canonical.ok) return `rejected: ${canonical.error.code} ${canonical.error.message}`;
  return canonical.value === test.expected_output ? "" : `got ${canonical.value}`;
}

function suiteFor(testType: PurlTestCase["test_type"]): ConformanceSuite {
  return {
    suite: `purl-${testType}`,
    required: true,
    async run(dir) {
      const tally = new SuiteTally();
      for (const test of await loadCases(dir)) {
        if (test.test_type !== testType) continue;
        const reason = runCase(test);
        tally.check(`${test.file}: ${test.description} (${JSON.stringify(test.input)})`, reason === "", reason);
      }
      return tally.outcome();
    },
  };
}

/** One suite per purl-spec test type. */
export const suites: ConformanceSuite[] = [suiteFor("parse"), suiteFor("build"), suiteFor("validate")];
