import { createHash, randomBytes } from "node:crypto";
import { sql } from "kysely";
import { type AuditActor, appendAudit, SYSTEM_ACTOR } from "../audit/audit.ts";
import type { Db } from "../db/database.ts";
import { type PageQuery, toPage } from "../db/pagination.ts";
import { AppError, conflict, forbidden, invalid, notFound, parseInput } from "../errors/errors.ts";
import { newId } from "../ids/ids.ts";
import { canListOrgs, canManageToken, canManageUsers, type Decision } from "../policy/index.ts";
import { type LoginProvider, passwordLoginProvider } from "./login-provider.ts";
import {
  type ApiToken,
  LoginInput,
  NewOrgInput,
  NewTokenInput,
  NewUserInput,
  type Org,
  Password,
  type Principal,
  ROLES_BY_KIND,
} from "./model.ts";
import { hashPassword } from "./password.ts";
import * as store from "./store.ts";

/** Login attempt limits: failures per account and per client address within a window. */
export const LOGIN_LIMITS = { perAccount: 5, perAddress: 20, windowSeconds: 15 * 60 } as const;
const SESSION_HOURS = 12;

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

export function actorOf(p: Principal): AuditActor {
  return { userId: p.userId, orgId: p.org.id };
}

/** Throws `forbidden` for a denied decision: the first line of every guarded use case. */
export function authorize(decision: Decision): void {
  if (!decision.allow) throw forbidden(decision.reason);
}

function toApiToken(row: {
  id: string;
  name: string;
  scopes: string[];
  created_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
}): ApiToken {
  return {
    id: row.id,
    name: row.name,
    scopes: row.scopes,
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
  };
}

/** Organisations, users, password login, sessions and API tokens. */
export class IdentityService {
  constructor(
    private readonly db: Db,
    private readonly loginProvider: LoginProvider = passwordLoginProvider,
  ) {}

  // ---- organisations and users -------------------------------------------------------------

  /** `actor` null means the local operator at the CLI (trusted: it holds the database). */
  async createOrg(actor: Principal | null, input: unknown): Promise<Org> {
    if (actor) authorize(canManageUsers(actor));
    const data = parseInput(NewOrgInput, input);
    if (data.kind !== "operator" && data.sectors.length > 0)
      throw invalid("sectors", "only operators have CISA sectors");
    return this.db.transaction().execute(async (trx) => {
      if (await trx.selectFrom("orgs").select("id").where("name", "=", data.name).executeTakeFirst()) {
        throw conflict(`an organisation named "${data.name}" exists`);
      }
      const row = await trx
        .insertInto("orgs")
        .values({ id: newId("org"), name: data.name, kind: data.kind, sectors: data.sectors })
        .returningAll()
        .executeTakeFirstOrThrow();
      const org = store.toOrg(row);
      await appendAudit(trx, actor ? actorOf(actor) : SYSTEM_ACTOR, {
        action: "org.create",
        subjectType: "org",
        subjectId: org.id,
        after: org,
      });
      return org;
    });
  }

  async createUser(actor: Principal | null, input: unknown, options: { demo?: boolean } = {}) {
    if (actor) authorize(canManageUsers(actor));
    const data = parseInput(NewUserInput, input);
    const passwordHash = await hashPassword(data.password);
    return this.db.transaction().execute(async (trx) => {
      const org = await trx.selectFrom("orgs").selectAll().where("id", "=", data.orgId).executeTakeFirst();
      if (!org) throw invalid("orgId", `no organisation ${data.orgId}`);
      const allowed: readonly string[] = ROLES_BY_KIND[org.kind as Org["kind"]];
      const wrong = data.roles.find((r) => !allowed.includes(r));
      if (wrong)
        throw invalid(
          "roles",
          `role "${wrong}" does not exist in a ${org.kind} organisation (allowed: ${allowed.join(", ")})`,
        );
      if (await store.findUserByEmail(trx, data.email)) throw conflict(`a user with email ${data.email} exists`);
      const row = await trx
        .insertInto("users")
        .values({
          id: newId("usr"),
          org_id: data.orgId,
          email: data.email,
          display_name: data.displayName,
          password_hash: passwordHash,
          roles: data.roles,
          clearance: data.clearance,
          demo: options.demo ?? false,
        })
        .returning(["id", "email", "display_name", "roles", "clearance", "org_id"])
        .executeTakeFirstOrThrow();
      await appendAudit(trx, actor ? actorOf(actor) : SYSTEM_ACTOR, {
        action: "user.create",
        subjectType: "user",
        subjectId: row.id,
        after: row,
      });
      return row;
    });
  }

  async listUsers(actor: Principal | null, page: PageQuery = { limit: 500 }) {
    if (actor) authorize(canManageUsers(actor));
    let query = this.db
      .selectFrom("users")
      .innerJoin("orgs", "orgs.id", "users.org_id")
      .select([
        "users.id",
        "users.email",
        "users.display_name",
        "users.roles",
        "users.clearance",
        "orgs.name as org_name",
        "users.disabled_at",
      ])
      .orderBy("users.email")
      .limit(page.limit + 1);
    if (page.cursor) query = query.where("users.email", ">", page.cursor);
    return toPage(await query.execute(), page.limit, (u) => u.email);
  }

  async listOrgs(actor: Principal | null): Promise<Org[]> {
    if (actor) authorize(canListOrgs(actor));
    const rows = await this.db.selectFrom("orgs").selectAll().orderBy("name").execute();
    return rows.map(store.toOrg);
  }

  async resetPassword(actor: Principal | null, email: string, password: string): Promise<void> {
    if (actor) authorize(canManageUsers(actor));
    const checked = Password.safeParse(password);
    if (!checked.success) throw invalid("password", checked.error.issues[0]!.message);
    const passwordHash = await hashPassword(password);
    await this.db.transaction().execute(async (trx) => {
      const user = await store.findUserByEmail(trx, email.trim().toLowerCase());
      if (!user) throw notFound(`user ${email}`);
      await trx.updateTable("users").set({ password_hash: passwordHash }).where("id", "=", user.id).execute();
      await trx.deleteFrom("sessions").where("user_id", "=", user.id).execute();
      await appendAudit(trx, actor ? actorOf(actor) : SYSTEM_ACTOR, {
        action: "user.reset_password",
        subjectType: "user",
        subjectId: user.id,
      });
    });
  }

  async userIdByEmail(email: string): Promise<string | undefined> {
    return (await store.findUserByEmail(this.db, email.trim().toLowerCase()))?.id;
  }

  /** The principal of an enabled user, by email: CLI commands that act for a user (`--as`). */
  async principalByEmail(email: string): Promise<Principal | undefined> {
    const id = await this.userIdByEmail(email);
    return id === undefined ? undefined : store.principalForUser(this.db, id, null);
  }

  /** True when demo users exist: a production `serve` refuses to start on demo data. */
  async hasDemoData(): Promise<boolean> {
    return (
      (await this.db.selectFrom("users").select("id").where("demo", "=", true).limit(1).executeTakeFirst()) !==
      undefined
    );
  }

  async countUsers(): Promise<number> {
    const row = await this.db.selectFrom("users").select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  // ---- login and sessions -------------------------------------------------------------------

  /** Password login, rate-limited per account and per address; returns the new session's cookie value. */
  async login(input: unknown, address: string, userAgent: string | undefined) {
    const { email, password } = parseInput(LoginInput, input);
    const accountKey = `login:account:${email}`;
    const addressKey = `login:address:${address}`;
    for (const [key, limit] of [
      [accountKey, LOGIN_LIMITS.perAccount],
      [addressKey, LOGIN_LIMITS.perAddress],
    ] as const) {
      const current = await store.readCounter(this.db, key, LOGIN_LIMITS.windowSeconds);
      if (current.count >= limit) {
        const seconds = Math.max(1, Math.ceil((current.resetAt.getTime() - Date.now()) / 1000));
        throw new AppError(
          "rate_limited",
          `Too many failed sign-ins; try again in ${Math.ceil(seconds / 60)} minutes`,
          [],
          {
            "retry-after": String(seconds),
          },
        );
      }
    }
    const user = await this.loginProvider.authenticate(this.db, { email, password });
    if (!user) {
      await store.bumpCounter(this.db, accountKey, LOGIN_LIMITS.windowSeconds);
      await store.bumpCounter(this.db, addressKey, LOGIN_LIMITS.windowSeconds);
      throw new AppError("unauthenticated", "Email or password is wrong");
    }
    await store.clearCounter(this.db, accountKey);
    const cookieValue = randomBytes(32).toString("base64url");
    const csrfToken = randomBytes(24).toString("base64url");
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto("sessions")
        .values({
          id: sha256(cookieValue),
          user_id: user.id,
          csrf_token: csrfToken,
          expires_at: sql<Date>`now() + make_interval(hours => ${SESSION_HOURS})` as unknown as Date,
          ip: address,
          user_agent: userAgent?.slice(0, 300) ?? null,
        })
        .execute();
      await appendAudit(
        trx,
        { userId: user.id, orgId: user.org_id },
        { action: "session.login", subjectType: "user", subjectId: user.id, details: { address } },
      );
    });
    const principal = await store.principalForUser(this.db, user.id, null);
    return { cookieValue, csrfToken, principal: principal!, maxAgeSeconds: SESSION_HOURS * 3600 };
  }

  async logout(cookieValue: string): Promise<void> {
    await this.db.deleteFrom("sessions").where("id", "=", sha256(cookieValue)).execute();
  }

  authenticateSession(cookieValue: string) {
    return store.principalForSession(this.db, sha256(cookieValue));
  }

  authenticateToken(token: string) {
    if (!token.startsWith("aicc_pat_")) return Promise.resolve(undefined);
    return store.principalForToken(this.db, sha256(token));
  }

  // ---- API tokens ----------------------------------------------------------------------------

  /** Creates a token for `owner`; the secret is returned once and only its hash is stored. */
  async createToken(actor: Principal | null, ownerId: string, input: unknown) {
    if (actor) authorize(canManageToken(actor, ownerId));
    const data = parseInput(NewTokenInput, input);
    const secret = `aicc_pat_${randomBytes(30).toString("base64url")}`;
    return this.db.transaction().execute(async (trx) => {
      if (!(await store.findUser(trx, ownerId))) throw notFound(`user ${ownerId}`);
      const row = await trx
        .insertInto("api_tokens")
        .values({
          id: newId("tok"),
          user_id: ownerId,
          name: data.name,
          token_hash: sha256(secret),
          scopes: data.scopes,
          expires_at:
            data.expiresInDays === undefined
              ? null
              : (sql<Date>`now() + make_interval(days => ${data.expiresInDays})` as unknown as Date),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await appendAudit(trx, actor ? actorOf(actor) : SYSTEM_ACTOR, {
        action: "token.create",
        subjectType: "user",
        subjectId: ownerId,
        details: { tokenId: row.id, scopes: data.scopes },
      });
      return { token: secret, ...toApiToken(row) };
    });
  }

  async listTokens(actor: Principal): Promise<ApiToken[]> {
    const rows = await this.db
      .selectFrom("api_tokens")
      .selectAll()
      .where("user_id", "=", actor.userId)
      .orderBy("created_at", "desc")
      .execute();
    return rows.map(toApiToken);
  }

  async revokeToken(actor: Principal | null, tokenId: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom("api_tokens").selectAll().where("id", "=", tokenId).executeTakeFirst();
      // A token that is not the caller's is "not found", so ids of others' tokens are not confirmed.
      if (!row || (actor && !canManageToken(actor, row.user_id).allow)) {
        if (row && actor?.scopes !== null && actor?.userId === row.user_id)
          authorize(canManageToken(actor, row.user_id));
        throw notFound(`token ${tokenId}`);
      }
      if (row.revoked_at) return;
      await trx.updateTable("api_tokens").set({ revoked_at: sql`now()` }).where("id", "=", tokenId).execute();
      await appendAudit(trx, actor ? actorOf(actor) : SYSTEM_ACTOR, {
        action: "token.revoke",
        subjectType: "user",
        subjectId: row.user_id,
        details: { tokenId },
      });
    });
  }
}
