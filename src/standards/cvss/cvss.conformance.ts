/**
 * CVSS conformance against FIRST's published vectors (conformance/cvss/first, see its source.json):
 * every valid vector must parse, round-trip through its canonical string and score exactly as published;
 * every invalid vector must be rejected.
 *
 * FIRST's CVSS 4.0 reference scores predate the calculator's half-up rounding fix; for the 157 vectors
 * that fix changes, v40-rounding-corrections.json gives the current score, and that score is expected
 * (16 of them also appear, without their `/E:A` suffix, in v40-reference-base.json).
 */

import { readFile } from "node:fs/promises";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { gunzipSync } from "node:zlib";
import { type ConformanceSuite, SuiteTally } from "../conformance-suite.ts";
import { emitCvss, parseCvss, scoreCvss } from "./cvss.ts";

interface ScoredRecord {
  vector: string;
  valid?: boolean;
  score?: number;
  severity?: string;
  base?: number;
  temporal?: number;
  environmental?: number;
  final?: number;
}

interface Correction {
  vector: string;
  previous: number;
  score: number;
}

async function readJson<T>(dir: string, file: string): Promise<T> {
  const bytes = await readFile(path.join(dir, "cvss", "first", file));
  return JSON.parse((file.endsWith(".gz") ? gunzipSync(bytes) : bytes).toString("utf8")) as T;
}

async function readCorrections(dir: string): Promise<Map<string, number>> {
  const rows = await readJson<Correction[]>(dir, "v40-rounding-corrections.json");
  return new Map(rows.map((row) => [row.vector, row.score]));
}

/**
 * The score a record must get: its correction when one exists, else the published score. The base-only
 * file was made by cutting the default `/E:A` suffix off the reference vectors (source.json), so its
 * vectors are looked up with that suffix too; E:X and E:A score alike.
 */
function correctedScore(record: ScoredRecord, corrections?: Map<string, number>): number | undefined {
  return corrections?.get(record.vector) ?? corrections?.get(`${record.vector}/E:A`) ?? record.score;
}

/** Checks one record; returns "" when it conforms, else what differs. */
function difference(record: ScoredRecord, version: string, corrections?: Map<string, number>): string {
  const parsed = parseCvss(record.vector);
  if (record.valid === false) return parsed.ok ? "invalid vector accepted" : "";
  if (!parsed.ok) return `rejected: ${parsed.error.code} ${parsed.error.message}`;
  if (parsed.value.version !== version) return `read as CVSS ${parsed.value.version}`;
  const again = parseCvss(emitCvss(parsed.value));
  if (!again.ok || !isDeepStrictEqual(again.value, parsed.value))
    return `canonical form ${emitCvss(parsed.value)} does not round-trip`;
  const scores = scoreCvss(parsed.value);
  const expected: [string, number | string | undefined, number | string][] = [
    ["score", correctedScore(record, corrections), scores.score],
    ["severity", record.severity, scores.severity],
    ["final", record.final, scores.score],
  ];
  if (scores.version !== "4.0") {
    expected.push(["base", record.base, scores.base], ["temporal", record.temporal, scores.temporal]);
    expected.push(["environmental", record.environmental, scores.environmental]);
  }
  // v31-base.json gives a base vector's base score as `score`, which is also our most specific score.
  return expected
    .filter(([, want, got]) => want !== undefined && want !== got)
    .map(([name, want, got]) => `${name} ${got} != ${want}`)
    .join(", ");
}

/** A suite over whole files of records of one version. */
function fileSuite(suite: string, version: string, files: string[], withCorrections = false): ConformanceSuite {
  return {
    suite,
    required: true,
    async run(dir) {
      const tally = new SuiteTally();
      const corrections = withCorrections ? await readCorrections(dir) : undefined;
      for (const file of files) {
        for (const record of await readJson<ScoredRecord[]>(dir, file)) {
          const reason = difference(record, version, corrections);
          tally.check(`${file} ${record.vector}`, reason === "", reason);
        }
      }
      return tally.outcome();
    },
  };
}

/** Suites `cvss-4.0`, `cvss-4.0-rounding`, `cvss-4.0-complete`, `cvss-3.1`, `cvss-3.0`, `cvss-2.0`. */
export const suites: ConformanceSuite[] = [
  fileSuite("cvss-4.0", "4.0", ["v40-base.json", "v40-reference-base.json", "v40-macro.json"], true),
  {
    suite: "cvss-4.0-rounding",
    required: true,
    async run(dir) {
      const tally = new SuiteTally();
      for (const row of await readJson<Correction[]>(dir, "v40-rounding-corrections.json")) {
        const parsed = parseCvss(row.vector);
        const got = parsed.ok ? scoreCvss(parsed.value).score : undefined;
        tally.check(row.vector, got === row.score, `score ${got} != ${row.score} (previously ${row.previous})`);
      }
      return tally.outcome();
    },
  },
  fileSuite("cvss-4.0-complete", "4.0", ["v40-reference-complete.json.gz"], true),
  fileSuite("cvss-3.1", "3.1", ["v31-base.json", "v31-complete.json"]),
  fileSuite("cvss-3.0", "3.0", ["v30-complete.json"]),
  fileSuite("cvss-2.0", "2.0", ["v20-complete.json"]),
];
