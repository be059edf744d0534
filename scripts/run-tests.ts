/**
 * `npm test`: builds the web app if it changed (browser tests need it), then runs every *.test.ts
 * under src/ with node's test runner. With DATABASE_URL set, store tests also run on that server.
 * Extra arguments are passed to node --test (e.g. a file list to run a subset).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

function findTests(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) findTests(full, out);
    else if (name.endsWith(".test.ts")) out.push(path.relative(root, full));
  }
  return out;
}

const explicit = process.argv.slice(2).filter((a) => a.endsWith(".ts"));
const flags = process.argv.slice(2).filter((a) => !a.endsWith(".ts"));
const files = explicit.length > 0 ? explicit : findTests(path.join(root, "src")).sort();

if (!existsSync("/usr/bin/chromium") && files.some((f) => f.includes("e2e"))) {
  console.error(
    "npm test: the browser tests need Chromium at /usr/bin/chromium: install the Debian package `chromium` (apt-get install chromium)",
  );
  process.exit(1);
}
if (existsSync(path.join(root, "scripts", "build-web.ts"))) {
  const build = spawnSync(process.execPath, ["--import", "tsx", "scripts/build-web.ts"], {
    cwd: root,
    stdio: "inherit",
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
console.log(
  `npm test: ${files.length} test files; database engines: PGlite${process.env.DATABASE_URL ? " and PostgreSQL (DATABASE_URL)" : ""}`,
);
const run = spawnSync(
  process.execPath,
  ["--import", "tsx", "--test", "--test-concurrency=2", "--test-force-exit", ...flags, ...files],
  {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "test" },
  },
);
process.exit(run.status ?? 1);
