import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe } from "node:test";
import pg from "pg";
import { projectRoot } from "../config/config.ts";
import { type DatabaseEngine, openStore, type Store } from "./database.ts";
import { migrate, migrationsDigest } from "./migrator.ts";

/**
 * Test databases, fresh and migrated, on every engine under test: PGlite always, and the PostgreSQL
 * server too when DATABASE_URL is set. Both start from a migrated template (a PGlite dump cached
 * in .tmp/, a PostgreSQL template database), so a test file pays for migrations once per change.
 */
export function testEngines(): DatabaseEngine[] {
  return process.env.DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
}

async function pgliteTemplate(): Promise<Blob> {
  const file = path.join(projectRoot(), ".tmp", `pglite-template-${migrationsDigest()}.tar`);
  if (!existsSync(file)) {
    const store = await openStore({});
    await migrate(store);
    const dump = await dumpOf(store);
    await store.close();
    mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}`;
    writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
    renameSync(tmp, file); // atomic: parallel test files never read half a template
  }
  return new Blob([readFileSync(file)]);
}

async function dumpOf(store: Store): Promise<Blob> {
  if (!store.dumpDataDir) throw new Error("not a PGlite store");
  return store.dumpDataDir();
}

function adminUrl(database: string): string {
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function postgresTemplate(): Promise<string> {
  const name = `aicc_tpl_${migrationsDigest()}`;
  await withAdmin(async (admin) => {
    await admin.query("select pg_advisory_lock(7212002)");
    try {
      const exists = await admin.query("select 1 from pg_database where datname = $1", [name]);
      if (exists.rowCount === 0) {
        await admin.query(`create database ${name}`);
        const store = await openStore({ databaseUrl: adminUrl(name), poolSize: 1 });
        await migrate(store);
        await store.close();
      }
    } finally {
      await admin.query("select pg_advisory_unlock(7212002)");
    }
  });
  return name;
}

/** Opens a fresh, migrated database on `engine`; `close()` also drops it (tests and benchmarks). */
export async function openTestStore(engine: DatabaseEngine, options: { poolSize?: number } = {}): Promise<Store> {
  if (engine === "pglite") return openStore({ loadDataDir: await pgliteTemplate() });
  const template = await postgresTemplate();
  const name = `aicc_t_${randomBytes(6).toString("hex")}`;
  await withAdmin((admin) => admin.query(`create database ${name} template ${template}`));
  const store = await openStore({ databaseUrl: adminUrl(name), poolSize: options.poolSize ?? 5 });
  return {
    ...store,
    databaseUrl: adminUrl(name),
    async close() {
      await store.close();
      await withAdmin((admin) => admin.query(`drop database if exists ${name} with (force)`));
    },
  };
}

/**
 * Runs a describe block once per engine under test. `store()` gives the block's database, fresh per
 * block (tests inside a block share it, so each test makes its own rows).
 */
export function describeEachEngine(name: string, body: (store: () => Store) => void): void {
  for (const engine of testEngines()) {
    describe(`${name} [${engine}]`, () => {
      let current: Store | undefined;
      before(async () => {
        current = await openTestStore(engine);
      });
      after(async () => {
        await current?.close();
      });
      body(() => {
        if (!current) throw new Error("test store is not open yet");
        return current;
      });
    });
  }
}
