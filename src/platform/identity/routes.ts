import { z } from "zod";
import { PageQuery } from "../db/pagination.ts";
import { clearSessionCookie, requirePrincipal, SESSION_COOKIE, setSessionCookie } from "../http/auth.ts";
import type { AppRoutes } from "../http/types.ts";
import { visibleModules } from "../policy/index.ts";
import {
  ApiTokenSchema,
  LoginInput,
  NewOrgInput,
  NewTokenInput,
  NewUserInput,
  OrgSchema,
  type Principal,
  SessionUserSchema,
} from "./model.ts";

const ModuleLinkSchema = z.object({ id: z.string(), title: z.string(), path: z.string() });
const SessionSchema = z.object({
  user: SessionUserSchema,
  csrfToken: z.string().nullable(),
  modules: z.array(ModuleLinkSchema),
});

function sessionBody(p: Principal, csrfToken: string | null) {
  return {
    user: {
      id: p.userId,
      email: p.email,
      displayName: p.displayName,
      roles: p.roles,
      clearance: p.clearance,
      org: p.org,
    },
    csrfToken,
    modules: visibleModules(p),
  };
}

export const identityRoutes: AppRoutes = (app, ctx) => {
  const secure = ctx.config.secureCookies;

  app.post(
    "/api/auth/login",
    {
      schema: {
        tags: ["identity"],
        summary: "Sign in with email and password",
        body: LoginInput,
        response: { 200: SessionSchema },
      },
    },
    async (request, reply) => {
      const result = await ctx.identity.login(request.body, request.ip, request.headers["user-agent"]);
      setSessionCookie(reply, result.cookieValue, result.maxAgeSeconds, secure);
      return sessionBody(result.principal, result.csrfToken);
    },
  );

  app.post("/api/auth/logout", { schema: { tags: ["identity"], summary: "Sign out" } }, async (request, reply) => {
    const cookie = request.cookies[SESSION_COOKIE];
    if (cookie) await ctx.identity.logout(cookie);
    clearSessionCookie(reply, secure);
    return reply.code(204).send();
  });

  app.get(
    "/api/session",
    {
      schema: {
        tags: ["identity"],
        summary: "The signed-in user, their CSRF token and their modules",
        response: { 200: SessionSchema },
      },
    },
    async (request) => sessionBody(requirePrincipal(request), request.csrfToken),
  );

  app.get(
    "/api/tokens",
    {
      schema: {
        tags: ["identity"],
        summary: "My API tokens",
        response: { 200: z.object({ tokens: z.array(ApiTokenSchema) }) },
      },
    },
    async (request) => ({ tokens: await ctx.identity.listTokens(requirePrincipal(request)) }),
  );

  app.post(
    "/api/tokens",
    {
      schema: {
        tags: ["identity"],
        summary: "Create an API token (the secret is shown once)",
        body: NewTokenInput,
        response: { 201: ApiTokenSchema.extend({ token: z.string() }) },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      reply.code(201);
      return ctx.identity.createToken(principal, principal.userId, request.body);
    },
  );

  app.delete(
    "/api/tokens/:id",
    { schema: { tags: ["identity"], summary: "Revoke an API token", params: z.object({ id: z.string() }) } },
    async (request, reply) => {
      await ctx.identity.revokeToken(requirePrincipal(request), request.params.id);
      return reply.code(204).send();
    },
  );

  app.get(
    "/api/orgs",
    {
      schema: {
        tags: ["identity"],
        summary: "Organisations",
        response: { 200: z.object({ orgs: z.array(OrgSchema) }) },
      },
    },
    async (request) => ({ orgs: await ctx.identity.listOrgs(requirePrincipal(request)) }),
  );

  app.post(
    "/api/orgs",
    {
      schema: {
        tags: ["identity"],
        summary: "Create an organisation (admin)",
        body: NewOrgInput,
        response: { 201: OrgSchema },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return ctx.identity.createOrg(requirePrincipal(request), request.body);
    },
  );

  app.get(
    "/api/users",
    { schema: { tags: ["identity"], summary: "Users (admin), by email", querystring: PageQuery } },
    async (request) => {
      const page = await ctx.identity.listUsers(requirePrincipal(request), request.query);
      return {
        nextCursor: page.nextCursor,
        users: page.items.map((u) => ({
          id: u.id,
          email: u.email,
          displayName: u.display_name,
          roles: u.roles,
          clearance: u.clearance,
          orgName: u.org_name,
          disabled: u.disabled_at !== null,
        })),
      };
    },
  );

  app.post(
    "/api/users",
    { schema: { tags: ["identity"], summary: "Create a user (admin)", body: NewUserInput } },
    async (request, reply) => {
      const user = await ctx.identity.createUser(requirePrincipal(request), request.body);
      reply.code(201);
      return {
        id: user.id,
        email: user.email,
        displayName: user.display_name,
        roles: user.roles,
        clearance: user.clearance,
        orgId: user.org_id,
      };
    },
  );
};
