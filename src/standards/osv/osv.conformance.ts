/**
 * OSV conformance: the reference GHSA->OSV pairs convert exactly (`osv-ghsa-to-osv`), every
 * published OSV file validates and round-trips (`osv-schema`), and the real Go and PyPA databases
 * parse and validate (`osv-real-data`, informative: a few upstream entries break the schema).
 */
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { type ConformanceSuite, SuiteTally } from "../conformance-suite.ts";
import type { Result } from "../result.ts";
import { emitOsvJson, ghsaToOsv, type OsvVulnerability, parseOsvJson, parseOsvYaml, validateOsv } from "./index.ts";

const GHSA_DIR = "osv/ghsa-to-osv";

async function ghsaPairs(dir: string): Promise<string[]> {
  const names = await readdir(path.join(dir, GHSA_DIR));
  return names.filter((name) => name.endsWith(".json") && !name.endsWith(".osv.json")).sort();
}

/** Parse, validate, and check that emit/parse round-trips to the same value and the same text. */
function roundTrips(parsed: Result<OsvVulnerability>): string {
  if (!parsed.ok) return `${parsed.error.code}: ${parsed.error.message}`;
  const report = validateOsv(parsed.value);
  if (!report.valid) return `${report.errors[0]?.code}: ${report.errors[0]?.message}`;
  const text = emitOsvJson(parsed.value);
  const again = parseOsvJson(text);
  if (!again.ok || !isDeepStrictEqual(again.value, parsed.value)) return "emit/parse changed the document";
  if (emitOsvJson(again.value) !== text) return "emit is not stable";
  return "";
}

/** Files under `root` ending in `extension`, sorted; none when `root` is absent (a checkout without shared data). */
async function filesUnder(root: string, extension: string): Promise<string[]> {
  if (!existsSync(root)) return [];
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(extension))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/** OSV suites: GHSA conversion and schema round-trip (required), real databases (informative). */
export const suites: ConformanceSuite[] = [
  {
    suite: "osv-ghsa-to-osv",
    required: true,
    async run(dir) {
      const tally = new SuiteTally();
      for (const name of await ghsaPairs(dir)) {
        const base = path.join(dir, GHSA_DIR, name.slice(0, -".json".length));
        const ghsa = JSON.parse(await readFile(`${base}.json`, "utf8"));
        const expected = JSON.parse(await readFile(`${base}.osv.json`, "utf8"));
        const converted = ghsaToOsv(ghsa);
        if (!converted.ok) {
          tally.check(name, false, `${converted.error.code}: ${converted.error.message}`);
          continue;
        }
        const same = isDeepStrictEqual(converted.value, expected);
        const valid = validateOsv(converted.value).valid;
        tally.check(
          name,
          same && valid,
          same ? "output fails the OSV schema" : "output differs from the published OSV",
        );
      }
      return tally.outcome();
    },
  },
  {
    suite: "osv-schema",
    required: true,
    async run(dir) {
      const tally = new SuiteTally();
      for (const name of await ghsaPairs(dir)) {
        const file = name.replace(/\.json$/, ".osv.json");
        const reason = roundTrips(parseOsvJson(await readFile(path.join(dir, GHSA_DIR, file), "utf8")));
        tally.check(file, reason === "", reason);
      }
      return tally.outcome();
    },
  },
  {
    suite: "osv-real-data",
    required: false,
    async run(dir) {
      // Real databases live beside the conformance root: <shared>/data/advisories.
      const advisories = path.join(dir, "..", "data", "advisories");
      const tally = new SuiteTally();
      const sets: [string, string, (text: string) => Result<OsvVulnerability>][] = [
        ["go-vulndb", ".json", parseOsvJson],
        ["pypa", ".yaml", parseOsvYaml],
      ];
      for (const [set, extension, parse] of sets) {
        for (const file of await filesUnder(path.join(advisories, set), extension)) {
          const reason = roundTrips(parse(await readFile(file, "utf8")));
          tally.check(path.relative(advisories, file), reason === "", reason);
        }
      }
      return tally.outcome();
    },
  },
];
