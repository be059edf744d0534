/**
 * `npm run conformance`: runs every standards harness (src/standards/**\/*.conformance.ts) against the
 * public suites (AICC_CONFORMANCE_DIR, default ../shared/conformance), prints a table and writes
 * conformance-report.json. Exits non-zero when the data is missing or any required case fails.
 */
import { existsSync, readdirSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ConformanceSuite } from "../src/standards/conformance-suite.ts";

const root = path.resolve(import.meta.dirname, "..");
const dataDir = path.resolve(root, process.env.AICC_CONFORMANCE_DIR ?? "../shared/conformance");
if (!existsSync(dataDir)) {
  console.error(
    `conformance: the data directory ${dataDir} does not exist; set AICC_CONFORMANCE_DIR to the public suites`,
  );
  process.exit(1);
}

function harnesses(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) harnesses(full, out);
    else if (name.endsWith(".conformance.ts")) out.push(full);
  }
  return out;
}

const only = process.argv[2];
const rows: { suite: string; total: number; passed: number; failed: number; required: boolean }[] = [];
const failures: string[] = [];
for (const file of harnesses(path.join(root, "src", "standards"))) {
  const { suites } = (await import(pathToFileURL(file).href)) as { suites: ConformanceSuite[] };
  for (const suite of suites) {
    if (only && !suite.suite.startsWith(only)) continue;
    const started = performance.now();
    const outcome = await suite.run(dataDir);
    const ms = Math.round(performance.now() - started);
    rows.push({
      suite: suite.suite,
      total: outcome.total,
      passed: outcome.passed,
      failed: outcome.failed,
      required: suite.required,
    });
    const mark = outcome.failed === 0 ? "ok " : suite.required ? "FAIL" : "gap";
    console.log(
      `${mark.padEnd(4)} ${suite.suite.padEnd(40)} ${String(outcome.passed).padStart(6)} / ${String(outcome.total).padEnd(6)} ${suite.required ? "required" : "informative"}  ${ms} ms`,
    );
    if (outcome.failed > 0) for (const f of outcome.failures.slice(0, 5)) failures.push(`  ${suite.suite}: ${f}`);
  }
}
writeFileSync(path.join(root, "conformance-report.json"), `${JSON.stringify(rows, null, 2)}\n`);
const requiredFailed = rows.filter((r) => r.required && r.failed > 0);
const total = rows.reduce((n, r) => n + r.total, 0);
const passed = rows.reduce((n, r) => n + r.passed, 0);
if (failures.length) console.log(`\nFirst failures:\n${failures.join("\n")}`);
console.log(
  `\n${rows.length} suites, ${passed} of ${total} cases pass (${os.cpus().length} cores); report: conformance-report.json`,
);
if (rows.length === 0 || requiredFailed.length > 0) {
  console.error(
    `conformance: ${requiredFailed.length} required suite(s) fail: ${requiredFailed.map((r) => r.suite).join(", ")}`,
  );
  process.exit(1);
}
