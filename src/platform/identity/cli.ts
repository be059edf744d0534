import type { AppContext, WithContext } from "../../app/context.ts";
import type { Command } from "../cli/frame.ts";
import { UsageError } from "../cli/frame.ts";
import { notFound } from "../errors/errors.ts";

const list = (value: unknown) =>
  typeof value === "string"
    ? value
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)
    : [];

async function orgIdByName(ctx: AppContext, name: string): Promise<string> {
  const org = (await ctx.identity.listOrgs(null)).find((o) => o.name === name || o.id === name);
  if (!org) throw notFound(`organisation "${name}"`);
  return org.id;
}

async function allUsers(ctx: AppContext) {
  const users = [];
  let cursor: string | undefined;
  do {
    const page = await ctx.identity.listUsers(null, { limit: 500, ...(cursor ? { cursor } : {}) });
    users.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return users;
}

/** `aicc org …` and `aicc user …`: local administration by whoever holds the database. */
export function identityCommands(withContext: WithContext): Command[] {
  return [
    {
      path: ["org", "create"],
      summary: "Create an organisation",
      options: {
        name: { type: "string", description: "organisation name", required: true },
        kind: {
          type: "string",
          description: "government | ai_developer | vendor | operator | researcher",
          required: true,
        },
        sectors: { type: "string", description: "CISA sectors, comma-separated (operators only)" },
      },
      run: ({ values }, io) =>
        withContext(async (ctx) => {
          const org = await ctx.identity.createOrg(null, {
            name: values.name,
            kind: values.kind,
            sectors: list(values.sectors),
          });
          io.print(org, (o: typeof org) => `created ${o.id} ${o.name} (${o.kind})`);
        }),
    },
    {
      path: ["org", "list"],
      summary: "List organisations",
      run: (_args, io) =>
        withContext(async (ctx) => {
          const orgs = await ctx.identity.listOrgs(null);
          io.print(orgs, (os: typeof orgs) =>
            os
              .map(
                (o) => `${o.id}  ${o.kind.padEnd(13)} ${o.name}${o.sectors.length ? ` [${o.sectors.join(", ")}]` : ""}`,
              )
              .join("\n"),
          );
        }),
    },
    {
      path: ["user", "create"],
      summary: "Create a user (--admin: the first administrator, in a government organisation)",
      options: {
        email: { type: "string", description: "login email", required: true },
        name: { type: "string", description: "display name" },
        org: { type: "string", description: "organisation name or id (with --admin: created if missing)" },
        roles: { type: "string", description: "roles, comma-separated" },
        clearance: { type: "string", description: "none | cui | secret | top_secret" },
        password: { type: "string", description: "password (else read from AICC_PASSWORD)" },
        admin: { type: "boolean", description: "make an administrator" },
      },
      run: ({ values }, io) =>
        withContext(async (ctx) => {
          const password = (values.password as string | undefined) ?? process.env.AICC_PASSWORD;
          if (!password) throw new UsageError("give --password or set AICC_PASSWORD");
          let orgName = values.org as string | undefined;
          if (values.admin) {
            orgName ??= "Administration";
            if (!(await ctx.identity.listOrgs(null)).some((o) => o.name === orgName || o.id === orgName)) {
              await ctx.identity.createOrg(null, { name: orgName, kind: "government" });
            }
          }
          if (!orgName) throw new UsageError("--org is required (or --admin)");
          const roles = values.admin ? ["admin", ...list(values.roles)] : list(values.roles);
          const user = await ctx.identity.createUser(null, {
            orgId: await orgIdByName(ctx, orgName),
            email: values.email,
            displayName: (values.name as string | undefined) ?? String(values.email).split("@")[0],
            password,
            roles,
            clearance: values.clearance ?? "none",
          });
          io.print(user, (u: typeof user) => `created ${u.id} ${u.email} [${u.roles.join(", ")}]`);
        }),
    },
    {
      path: ["user", "list"],
      summary: "List users",
      run: (_args, io) =>
        withContext(async (ctx) => {
          const users = await allUsers(ctx);
          io.print(users, (us: typeof users) =>
            us
              .map(
                (u) => `${u.email.padEnd(30)} ${u.roles.join(",").padEnd(24)} ${u.clearance.padEnd(10)} ${u.org_name}`,
              )
              .join("\n"),
          );
        }),
    },
    {
      path: ["user", "reset-password"],
      summary: "Set a user's password (ends their sessions)",
      options: {
        email: { type: "string", description: "login email", required: true },
        password: { type: "string", description: "new password (else AICC_PASSWORD)" },
      },
      run: ({ values }, io) =>
        withContext(async (ctx) => {
          const password = (values.password as string | undefined) ?? process.env.AICC_PASSWORD;
          if (!password) throw new UsageError("give --password or set AICC_PASSWORD");
          await ctx.identity.resetPassword(null, String(values.email), password);
          io.print({ email: values.email, reset: true }, () => `password reset for ${values.email}`);
        }),
    },
    {
      path: ["user", "token", "create"],
      summary: "Create an API token for a user (the secret is printed once)",
      options: {
        email: { type: "string", description: "the token's user", required: true },
        name: { type: "string", description: "a name for the token", required: true },
        scopes: { type: "string", description: "read,write,admin (default read)" },
        days: { type: "string", description: "expires after this many days" },
      },
      run: ({ values }, io) =>
        withContext(async (ctx) => {
          const userId = await ctx.identity.userIdByEmail(String(values.email));
          if (!userId) throw notFound(`user ${values.email}`);
          const token = await ctx.identity.createToken(null, userId, {
            name: values.name,
            scopes: values.scopes ? list(values.scopes) : ["read"],
            ...(values.days ? { expiresInDays: Number(values.days) } : {}),
          });
          io.print(token, (t: typeof token) => `${t.token}\n(token ${t.id}; this secret is not shown again)`);
        }),
    },
    {
      path: ["user", "token", "revoke"],
      summary: "Revoke an API token",
      positionals: ["token-id"],
      run: ({ positionals }, io) =>
        withContext(async (ctx) => {
          await ctx.identity.revokeToken(null, positionals[0]!);
          io.print({ revoked: positionals[0] }, () => `revoked ${positionals[0]}`);
        }),
    },
  ];
}
