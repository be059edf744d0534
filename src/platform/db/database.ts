import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, PostgresDialect, type Transaction } from "kysely";
import pg from "pg";
import { PGliteDialect } from "./pglite-dialect.ts";
import { lockDataDir } from "./pglite-lock.ts";
import type { Database } from "./schema.ts";

export type DatabaseEngine = "pglite" | "postgres";
export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;

/** An open store: the Kysely handle plus what only the engine can do (run a multi-statement script). */
export interface Store {
  engine: DatabaseEngine;
  db: Db;
  /** Runs a SQL script with several statements (migrations). */
  execScript(script: string): Promise<void>;
  /** PGlite only: the whole data directory as a tarball (test templates, backups). */
  dumpDataDir?(): Promise<Blob>;
  /** PostgreSQL only: the URL this store was opened with (tests hand it to child processes). */
  databaseUrl?: string;
  close(): Promise<void>;
}

// int8 (count(*), bigserial) as JS numbers: our counts stay far below 2^53.
pg.types.setTypeParser(20, (value) => Number.parseInt(value, 10));

export interface OpenStoreOptions {
  /** PostgreSQL URL; when absent, PGlite is used. */
  databaseUrl?: string | undefined;
  /** PGlite data directory; absent means in memory. */
  dataDir?: string | undefined;
  /** PGlite: start from a dump made by `dumpDataDir` (fast test databases). */
  loadDataDir?: Blob | File | undefined;
  /** Pool size for PostgreSQL. */
  poolSize?: number;
}

export async function openStore(options: OpenStoreOptions): Promise<Store> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    // Fail at start, not at the first request, when the server is unreachable.
    const client = await pool.connect();
    client.release();
    return {
      engine: "postgres",
      databaseUrl: options.databaseUrl,
      db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }),
      async execScript(script) {
        await pool.query(script);
      },
      async close() {
        await pool.end();
      },
    };
  }
  let unlock = () => {};
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    unlock = lockDataDir(options.dataDir);
  }
  const pglite = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return {
    engine: "pglite",
    db,
    async execScript(script) {
      await pglite.exec(script);
    },
    async dumpDataDir() {
      return pglite.dumpDataDir("none");
    },
    async close() {
      await db.destroy();
      await pglite.close();
      unlock();
    },
  };
}
