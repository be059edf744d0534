import { sql } from "kysely";
import type { Db, Tx } from "../db/database.ts";
import type { OrgRow, UserRow } from "../db/schema.ts";
import type { Org, Principal } from "./model.ts";

/** SQL for organisations, users, sessions, API tokens and rate-limit counters. Only this file touches them. */

export function toOrg(row: Pick<OrgRow, "id" | "name" | "kind" | "sectors">): Org {
  return { id: row.id, name: row.name, kind: row.kind as Org["kind"], sectors: row.sectors as Org["sectors"] };
}

const principalColumns = [
  "users.id as user_id",
  "users.email",
  "users.display_name",
  "users.roles",
  "users.clearance",
  "orgs.id as org_id",
  "orgs.name as org_name",
  "orgs.kind as org_kind",
  "orgs.sectors as org_sectors",
] as const;

type PrincipalRow = {
  user_id: string;
  email: string;
  display_name: string;
  roles: string[];
  clearance: string;
  org_id: string;
  org_name: string;
  org_kind: string;
  org_sectors: string[];
};

export function toPrincipal(row: PrincipalRow, scopes: string[] | null): Principal {
  return {
    userId: row.user_id,
    email: row.email,
    displayName: row.display_name,
    roles: row.roles as Principal["roles"],
    clearance: row.clearance as Principal["clearance"],
    org: toOrg({ id: row.org_id, name: row.org_name, kind: row.org_kind, sectors: row.org_sectors }),
    scopes,
  };
}

export function findUserByEmail(db: Db | Tx, email: string): Promise<UserRow | undefined> {
  return db.selectFrom("users").selectAll().where("email", "=", email).executeTakeFirst();
}

export function findUser(db: Db | Tx, id: string): Promise<UserRow | undefined> {
  return db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function principalForUser(db: Db | Tx, userId: string, scopes: string[] | null) {
  const row = await db
    .selectFrom("users")
    .innerJoin("orgs", "orgs.id", "users.org_id")
    .select(principalColumns)
    .where("users.id", "=", userId)
    .where("users.disabled_at", "is", null)
    .executeTakeFirst();
  return row ? toPrincipal(row, scopes) : undefined;
}

/** One query per request: the session and its user, if the session is live and the user enabled. */
export async function principalForSession(db: Db, sessionId: string) {
  const row = await db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .innerJoin("orgs", "orgs.id", "users.org_id")
    .select([...principalColumns, "sessions.csrf_token"])
    .where("sessions.id", "=", sessionId)
    .where("sessions.expires_at", ">", sql<Date>`now()`)
    .where("users.disabled_at", "is", null)
    .executeTakeFirst();
  return row ? { principal: toPrincipal(row, null), csrfToken: row.csrf_token } : undefined;
}

export async function principalForToken(db: Db, tokenHash: string) {
  const row = await db
    .selectFrom("api_tokens")
    .innerJoin("users", "users.id", "api_tokens.user_id")
    .innerJoin("orgs", "orgs.id", "users.org_id")
    .select([
      ...principalColumns,
      "api_tokens.id as token_id",
      "api_tokens.scopes as token_scopes",
      "api_tokens.last_used_at",
    ])
    .where("api_tokens.token_hash", "=", tokenHash)
    .where("api_tokens.revoked_at", "is", null)
    .where((eb) => eb.or([eb("api_tokens.expires_at", "is", null), eb("api_tokens.expires_at", ">", sql<Date>`now()`)]))
    .where("users.disabled_at", "is", null)
    .executeTakeFirst();
  if (!row) return undefined;
  // Record use at minute granularity: a write on every request would cost more than the read.
  if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > 60_000) {
    await db.updateTable("api_tokens").set({ last_used_at: sql`now()` }).where("id", "=", row.token_id).execute();
  }
  return toPrincipal(row, row.token_scopes);
}

/**
 * Fixed-window counter shared by every API process (it lives in the database).
 * Returns the count in the current window after adding `by`.
 */
export async function bumpCounter(
  db: Db | Tx,
  key: string,
  windowSeconds: number,
  by = 1,
): Promise<{ count: number; resetAt: Date }> {
  const window = sql`make_interval(secs => ${windowSeconds})`;
  const row = await db
    .insertInto("rate_limits")
    .values({ key, window_start: sql`now()`, count: by })
    .onConflict((oc) =>
      oc.column("key").doUpdateSet({
        count: sql`case when rate_limits.window_start < now() - ${window} then ${by} else rate_limits.count + ${by} end`,
        window_start: sql`case when rate_limits.window_start < now() - ${window} then now() else rate_limits.window_start end`,
      }),
    )
    .returning(["count", sql<Date>`window_start + ${window}`.as("reset_at")])
    .executeTakeFirstOrThrow();
  return { count: row.count, resetAt: new Date(row.reset_at) };
}

export async function readCounter(db: Db | Tx, key: string, windowSeconds: number) {
  const row = await db
    .selectFrom("rate_limits")
    .select(["count", sql<Date>`window_start + make_interval(secs => ${windowSeconds})`.as("reset_at")])
    .where("key", "=", key)
    .where("window_start", ">=", sql<Date>`now() - make_interval(secs => ${windowSeconds})`)
    .executeTakeFirst();
  return row ? { count: row.count, resetAt: new Date(row.reset_at) } : { count: 0, resetAt: new Date() };
}

export async function clearCounter(db: Db | Tx, key: string): Promise<void> {
  await db.deleteFrom("rate_limits").where("key", "=", key).execute();
}
