/**
 * CVSS bench: vectors parsed and scored per second, ours against ae-cvss-calculator in the same run,
 * for CVSS 4.0 (FIRST's 41,270 valid reference vectors) and CVSS 3.1 (seeded random full vectors),
 * plus each library's agreement with FIRST's CVSS 4.0 reference file.
 *
 *   npx tsx bench/standards-cvss.ts [conformance-dir]   (default: $AICC_CONFORMANCE_DIR, then ../shared/conformance)
 */
import { existsSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import ae from "ae-cvss-calculator";
import { CVSS3_METRICS, parseCvss, scoreCvss } from "../src/standards/cvss/index.ts";

const root =
  process.argv[2] ??
  process.env.AICC_CONFORMANCE_DIR ??
  [path.resolve(import.meta.dirname, "../../shared/conformance"), "/work/shared/conformance"].find(existsSync)!;
const first = (file: string) => readFileSync(path.join(root, "cvss", "first", file));

interface Reference {
  vector: string;
  valid: boolean;
  score?: number;
}
const complete = JSON.parse(gunzipSync(first("v40-reference-complete.json.gz")).toString("utf8")) as Reference[];
const v40 = complete.filter((r) => r.valid).map((r) => r.vector);

/** Seeded xorshift so every run scores the same 3.1 vectors. */
let seed = 0x2545f491;
function random(n: number): number {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) % n;
}
const v31 = Array.from({ length: 20000 }, () => {
  const parts = Object.entries(CVSS3_METRICS).map(([name, values]) => `${name}:${values[random(values.length)]}`);
  return `CVSS:3.1/${parts.join("/")}`;
});

function ours(vector: string): number {
  const parsed = parseCvss(vector);
  if (!parsed.ok) throw new Error(`${vector}: ${parsed.error.message}`);
  return scoreCvss(parsed.value).score;
}
const theirs4 = (vector: string): number => new ae.Cvss4P0(vector).calculateScores().overall;
const theirs31 = (vector: string): number => new ae.Cvss3P1(vector).calculateScores().overall;

/** Scores the list cyclically for about `ms` milliseconds; returns vectors per second. */
function rate(vectors: string[], score: (vector: string) => number, ms = 2000): number {
  let done = 0;
  let sink = 0;
  const start = performance.now();
  while (performance.now() - start < ms) {
    for (let i = 0; i < 64; i++) sink += score(vectors[(done + i) % vectors.length]!);
    done += 64;
  }
  if (Number.isNaN(sink)) throw new Error("unreachable: keeps the scores alive");
  return done / ((performance.now() - start) / 1000);
}

/** Runs `fn` with the library's console chatter about invalid vectors silenced. */
function quietly<T>(fn: () => T): T {
  const { log, warn, error } = console;
  console.log = console.warn = console.error = () => {};
  try {
    return fn();
  } finally {
    Object.assign(console, { log, warn, error });
  }
}

const corrections = new Map(
  (JSON.parse(first("v40-rounding-corrections.json").toString("utf8")) as { vector: string; score: number }[]).map(
    (row) => [row.vector, row.score],
  ),
);

/**
 * Agreement with v40-reference-base.json: valid vectors scored differently from FIRST's file (and how many of
 * those match the file's published rounding correction instead), and invalid vectors accepted.
 */
function agreement(score: (vector: string) => number | undefined) {
  const reference = JSON.parse(first("v40-reference-base.json").toString("utf8")) as Reference[];
  let misscored = 0;
  let corrected = 0;
  let accepted = 0;
  for (const record of reference) {
    let got: number | undefined;
    try {
      got = score(record.vector);
    } catch {
      got = undefined;
    }
    if (record.valid && got !== record.score) {
      misscored += 1;
      // The base file dropped the default `/E:A` suffix of FIRST's vectors; the corrections keep it.
      if (got === corrections.get(`${record.vector}/E:A`)) corrected += 1;
    }
    if (!record.valid && got !== undefined) accepted += 1;
  }
  return `differs on ${misscored} valid (${corrected} of them FIRST's rounding corrections), accepts ${accepted} invalid`;
}

const format = (n: number) => Math.round(n).toLocaleString("en-US");
/** Every `step`-th vector, so the slow library's comparison stays within the time budget. */
const sample = (vectors: string[], step: number) => vectors.filter((_, i) => i % step === 0);

console.log(`CVSS bench — ${os.cpus().length} cores, Node ${process.version}`);
for (const [label, vectors, theirs, step] of [
  ["4.0", v40, theirs4, 40],
  ["3.1", v31, theirs31, 1],
] as const) {
  const mine = rate(vectors, ours);
  const other = quietly(() => rate(vectors, theirs));
  const compared = sample(vectors, step);
  const differ = quietly(() => compared.filter((vector) => ours(vector) !== theirs(vector)).length);
  console.log(
    `CVSS ${label}: ours ${format(mine)} vectors/s, ae-cvss-calculator ${format(other)} vectors/s ` +
      `(${(mine / other).toFixed(1)}×) over ${format(vectors.length)} vectors; ` +
      `scores differ on ${differ} of ${format(compared.length)} compared`,
  );
}
console.log("FIRST v40-reference-base.json (2,682 valid, 1,359 invalid):");
console.log(
  `  ours: ${agreement((vector) => {
    const parsed = parseCvss(vector);
    return parsed.ok ? scoreCvss(parsed.value).score : undefined;
  })}`,
);
console.log(`  ae-cvss-calculator: ${quietly(() => agreement(theirs4))}`);
