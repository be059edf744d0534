import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * PGlite is one process's database: a second process opening the same data directory would corrupt
 * it. A pid file makes the second one fail with a clear message instead.
 */
export class DatabaseInUseError extends Error {}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function lockDataDir(dataDir: string): () => void {
  const file = path.join(dataDir, "aicc.pid");
  try {
    writeFileSync(file, String(process.pid), { flag: "wx" });
  } catch {
    const holder = Number.parseInt(readFileSync(file, "utf8"), 10);
    if (holder !== process.pid && alive(holder)) {
      throw new DatabaseInUseError(
        `the embedded database in ${dataDir} is in use by process ${holder} (a running aicc serve?); stop it first, or use a PostgreSQL server (DATABASE_URL) to run several processes`,
      );
    }
    writeFileSync(file, String(process.pid));
  }
  return () => rmSync(file, { force: true });
}
