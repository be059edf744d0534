/**
 * Builds the web app (src/web → dist/web) with Vite's JS API, but only when its inputs changed since
 * the last build: a SHA-256 over src/web (browser tests excluded), vite.config.ts and package-lock.json
 * is kept in dist/web/.build-hash. Prints one line either way.
 *
 *   tsx scripts/build-web.ts [--force]
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SOURCE_DIR = "src/web";
const EXTRA_INPUTS = ["vite.config.ts", "package-lock.json"];
const OUT_DIR = path.join(ROOT, "dist/web");
const HASH_FILE = path.join(OUT_DIR, ".build-hash");

/** Files under src/web that do not go into the bundle; changing them needs no rebuild. */
const notBuilt = (relative: string) => relative.startsWith("src/web/e2e/") || /\.test\.tsx?$/.test(relative);

export interface BuildWebResult {
  built: boolean;
  hash: string;
  millis: number;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(path.join(ROOT, dir), { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) files.push(...(await listFiles(relative)));
    else if (entry.isFile() && !notBuilt(relative)) files.push(relative);
  }
  return files;
}

/** The content hash of every build input (paths and contents, in a stable order). */
export async function webInputHash(): Promise<string> {
  const files = [...(await listFiles(SOURCE_DIR)), ...EXTRA_INPUTS.filter((f) => existsSync(path.join(ROOT, f)))];
  files.sort();
  const hash = createHash("sha256");
  for (const file of files) {
    const content = await readFile(path.join(ROOT, file));
    hash.update(`${file}\0${content.length}\0`);
    hash.update(content);
  }
  return hash.digest("hex");
}

async function storedHash(): Promise<string | null> {
  if (!existsSync(path.join(OUT_DIR, "index.html"))) return null;
  try {
    return (await readFile(HASH_FILE, "utf8")).trim();
  } catch {
    return null;
  }
}

/** Builds dist/web when an input changed (or `force`), else does nothing; prints one line either way. */
export async function buildWeb(
  options: { force?: boolean; log?: (line: string) => void } = {},
): Promise<BuildWebResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const started = performance.now();
  const hash = await webInputHash();
  if (!options.force && (await storedHash()) === hash) {
    log(`web: dist/web is up to date (${hash.slice(0, 12)})`);
    return { built: false, hash, millis: Math.round(performance.now() - started) };
  }
  const { build } = await import("vite");
  await build({ configFile: path.join(ROOT, "vite.config.ts"), logLevel: "warn", mode: "production" });
  const temporary = `${HASH_FILE}.${process.pid}`;
  await writeFile(temporary, `${hash}\n`);
  await rename(temporary, HASH_FILE);
  const millis = Math.round(performance.now() - started);
  log(`web: built dist/web in ${(millis / 1000).toFixed(1)} s (${hash.slice(0, 12)})`);
  return { built: true, hash, millis };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildWeb({ force: process.argv.includes("--force") }).catch((error: unknown) => {
    console.error(`web: build failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
