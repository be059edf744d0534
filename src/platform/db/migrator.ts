import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { projectRoot } from "../config/config.ts";
import type { Store } from "./database.ts";

/**
 * Plain, numbered SQL migrations in `migrations/` (NNNN_module_what.sql), applied in order, each in its
 * own transaction, under an advisory lock so several processes starting at once apply each exactly once.
 * An applied migration whose file changed is an error: migrations are append-only.
 */
export interface MigrationFile {
  name: string;
  checksum: string;
  sql: string;
}

export interface MigrationStatus {
  name: string;
  applied: boolean;
  appliedAt: Date | null;
}

const LOCK_KEY = 7_212_001; // arbitrary, constant: the migration advisory lock

export function migrationsDir(): string {
  return path.join(projectRoot(), "migrations");
}

export function readMigrations(dir = migrationsDir()): MigrationFile[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((name) => {
      const text = readFileSync(path.join(dir, name), "utf8");
      return { name, sql: text, checksum: createHash("sha256").update(text).digest("hex") };
    });
}

/** Digest of all migration files: names a migrated template database (tests cache one per digest). */
export function migrationsDigest(files = readMigrations()): string {
  const h = createHash("sha256");
  for (const f of files) h.update(`${f.name}:${f.checksum}\n`);
  return h.digest("hex").slice(0, 16);
}

async function ensureTable(store: Store): Promise<void> {
  await store.execScript(`create table if not exists aicc_migrations (
    name text primary key,
    checksum text not null,
    applied_at timestamptz not null default now()
  )`);
}

export async function migrationStatus(store: Store, files = readMigrations()): Promise<MigrationStatus[]> {
  await ensureTable(store);
  const applied = await store.db.selectFrom("aicc_migrations").selectAll().execute();
  const byName = new Map(applied.map((row) => [row.name, row]));
  return files.map((f) => ({
    name: f.name,
    applied: byName.has(f.name),
    appliedAt: byName.get(f.name)?.applied_at ?? null,
  }));
}

/** Applies pending migrations; returns the names applied. */
export async function migrate(store: Store, files = readMigrations()): Promise<string[]> {
  await ensureTable(store);
  return store.db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${LOCK_KEY})`.execute(conn);
    try {
      const applied = new Map(
        (await conn.selectFrom("aicc_migrations").select(["name", "checksum"]).execute()).map((r) => [
          r.name,
          r.checksum,
        ]),
      );
      const done: string[] = [];
      for (const file of files) {
        const checksum = applied.get(file.name);
        if (checksum !== undefined) {
          if (checksum !== file.checksum) throw new Error(`migration ${file.name} was changed after it was applied`);
          continue;
        }
        await sql`begin`.execute(conn);
        try {
          // PGlite has one backend, so its script runs inside this transaction too.
          if (store.engine === "pglite") await store.execScript(file.sql);
          else await sql.raw(file.sql).execute(conn);
          await conn.insertInto("aicc_migrations").values({ name: file.name, checksum: file.checksum }).execute();
          await sql`commit`.execute(conn);
        } catch (error) {
          await sql`rollback`.execute(conn);
          throw new Error(`migration ${file.name} failed: ${(error as Error).message}`);
        }
        done.push(file.name);
      }
      return done;
    } finally {
      await sql`select pg_advisory_unlock(${LOCK_KEY})`.execute(conn);
    }
  });
}
