/**
 * Advisory import bench: go-vulndb (~4,300 OSV JSON) and the PyPA advisory database (~2,600 OSV
 * YAML) through `ImportService` exactly as `aicc import osv` runs it (parse, schema validation,
 * normalisation, one transaction per document with its audit entry), on PGlite and, when
 * DATABASE_URL is set, on PostgreSQL (a scratch database, dropped afterwards). Each engine starts
 * from an empty database; a second pass over the same files measures the idempotent re-import.
 * Goals (issue 4): < 30 s on PGlite, < 15 s on PostgreSQL for the first pass.
 *
 *   node --import tsx bench/clearinghouse-import.ts
 */
import { existsSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createContext } from "../src/app/context.ts";
import type { ImportSummary } from "../src/clearinghouse/imports/model.ts";
import { loadConfig, projectRoot } from "../src/platform/config/config.ts";
import type { DatabaseEngine, Store } from "../src/platform/db/database.ts";
import { openTestStore } from "../src/platform/db/testing.ts";

const DATA = path.join(projectRoot(), "..", "shared", "data", "advisories");
const SETS = ["go-vulndb", "pypa"];

async function scratch(engine: DatabaseEngine): Promise<{ store: Store; drop(): Promise<void> }> {
  // Room for every writer at once, so the pool is not what is measured.
  const store = await openTestStore(engine, { poolSize: 10 });
  return { store, drop: () => store.close() };
}

interface Pass {
  documents: number;
  created: number;
  unchanged: number;
  failed: number;
  seconds: number;
  docsPerSecond: number;
}

function pass(summaries: ImportSummary[], seconds: number): Pass {
  const documents = summaries.reduce((n, s) => n + s.total, 0);
  return {
    documents,
    created: summaries.reduce((n, s) => n + s.created, 0),
    unchanged: summaries.reduce((n, s) => n + s.unchanged, 0),
    failed: summaries.reduce((n, s) => n + s.failed, 0),
    seconds: Math.round(seconds * 10) / 10,
    docsPerSecond: Math.round(documents / seconds),
  };
}

async function run(engine: DatabaseEngine): Promise<{ first: Pass; again: Pass }> {
  const { store, drop } = await scratch(engine);
  try {
    const config = loadConfig({}, { home: mkdtempSync(path.join(os.tmpdir(), "aicc-bench-")), logLevel: "silent" });
    const ctx = createContext(config, store);
    const importAll = async () => {
      const started = performance.now();
      const summaries = [];
      for (const set of SETS) summaries.push(await ctx.imports.importPath(null, "osv", path.join(DATA, set)));
      return pass(summaries, (performance.now() - started) / 1000);
    };
    const first = await importAll();
    const again = await importAll();
    return { first, again };
  } finally {
    await drop();
  }
}

if (!SETS.every((set) => existsSync(path.join(DATA, set)))) {
  console.log(`clearinghouse-import: skipped, the advisory sets are not in ${DATA}`);
  process.exit(0);
}
const engines: DatabaseEngine[] = process.env.DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
const results: Record<string, unknown> = {};
console.log(
  `load average before: ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")} on ${os.cpus().length} cores`,
);
for (const engine of engines) {
  const { first, again } = await run(engine);
  results[engine] = { first, again };
  console.log(
    `${engine.padEnd(8)} first import: ${first.documents} docs (${first.created} created, ${first.failed} invalid upstream) ` +
      `in ${first.seconds} s = ${first.docsPerSecond} docs/s; again: ${again.unchanged} unchanged in ${again.seconds} s`,
  );
}
console.log(JSON.stringify({ bench: "clearinghouse-import", loadAverage: os.loadavg(), results }));
