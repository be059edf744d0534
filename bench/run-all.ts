/**
 * `npm run bench [prefix]`: runs every benchmark script in bench/ (or those whose name starts with
 * `prefix`, e.g. `standards`) one after another, so they do not compete for the two cores.
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";

const HELPERS = new Set(["run-all.ts", "http-load.ts", "autocannon.d.ts"]);
const prefix = process.argv[2] ?? "";
const dir = import.meta.dirname;
const scripts = readdirSync(dir)
  .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts") && !HELPERS.has(f) && f.startsWith(prefix))
  .sort();
let failed = 0;
for (const script of scripts) {
  console.log(`\n=== ${script}`);
  const run = spawnSync(process.execPath, ["--import", "tsx", path.join(dir, script)], { stdio: "inherit" });
  if (run.status !== 0) failed += 1;
}
process.exit(failed > 0 ? 1 : 0);
