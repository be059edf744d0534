/**
 * CSAF 2.0 validation throughput: documents per second for our `validateCsaf` (schema + mandatory tests, and with
 * the optional tests) against @secvisogram/csaf-validator-lib (its schema test + all its mandatory tests), on the
 * same documents: the real advisories of the OASIS repository, then the whole OASIS validator test corpus.
 *
 *   npx tsx bench/standards-csaf.ts [conformance-dir]
 */

import { readdirSync, readFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import * as libMandatory from "@secvisogram/csaf-validator-lib/mandatoryTests.js";
import { csaf_2_0 } from "@secvisogram/csaf-validator-lib/schemaTests.js";
import libValidate from "@secvisogram/csaf-validator-lib/validate.js";
import { validateCsaf } from "../src/standards/csaf/index.ts";

const dir = process.argv[2] ?? join(import.meta.dirname, "../../shared/conformance");

function loadJsonFiles(root: string): unknown[] {
  return readdirSync(root, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".json") && !f.endsWith("testcases.json"))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(root, f), "utf8")));
}

const corpora: [string, unknown[]][] = [
  ["real advisories", loadJsonFiles(join(dir, "csaf-2.0/examples/csaf"))],
  [
    "OASIS test corpus",
    ["mandatory", "optional", "informative"].flatMap((g) =>
      loadJsonFiles(join(dir, "csaf-2.0/validator-tests/data", g)),
    ),
  ],
];

// The library's documented use: the schema test plus every mandatory test, through its runner.
const libTests = [csaf_2_0, ...Object.values(libMandatory as unknown as Record<string, CsafLibTest>)];

type Variant = [name: string, fn: (doc: unknown) => unknown];

/**
 * Documents per second of each variant: rounds of about `ms` each, interleaved so that load from other processes
 * hits every variant alike; the best round counts.
 */
async function docsPerSecond(docs: unknown[], variants: Variant[], rounds = 5, ms = 300): Promise<number[]> {
  const best = variants.map(() => 0);
  for (const [, fn] of variants) for (const doc of docs) await fn(doc); // warm-up: compile schemas, load data, JIT
  for (let round = 0; round < rounds; round++) {
    for (const [i, [, fn]] of variants.entries()) {
      let count = 0;
      const start = performance.now();
      while (performance.now() - start < ms) {
        for (const doc of docs) await fn(doc);
        count += docs.length;
      }
      best[i] = Math.max(best[i]!, (count * 1000) / (performance.now() - start));
    }
  }
  return best;
}

const variants: Variant[] = [
  ["ours schema+mandatory", (d) => validateCsaf(d, { optional: false })],
  ["ours +optional", (d) => validateCsaf(d)],
  ["csaf-validator-lib schema+mandatory", (d) => libValidate(libTests, d)],
];

console.log(
  `CSAF 2.0 validation, ${cpus().length} cores (single-threaded run), documents per second (best of 5 rounds):`,
);
for (const [name, docs] of corpora) {
  const bytes = docs.reduce<number>((n, d) => n + JSON.stringify(d).length, 0);
  const rates = await docsPerSecond(docs, variants);
  const figures = variants.map(([label], i) => `${label} ${rates[i]!.toFixed(0)}/s`).join(", ");
  const ratio = (rates[0]! / rates[2]!).toFixed(1);
  console.log(
    `  ${name} (${docs.length} docs, ${(bytes / docs.length / 1024).toFixed(1)} KiB avg): ${figures}; ours ${ratio}x`,
  );
}
