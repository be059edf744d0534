import fastifyCookie from "@fastify/cookie";
import fastifySwagger from "@fastify/swagger";
import Fastify from "fastify";
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../app/context.ts";
import { newId } from "../ids/ids.ts";
import { authenticationHook } from "./auth.ts";
import { DOCS_CSS, renderDocsPage } from "./docs-page.ts";
import { errorHandler, notFoundProblem, sendProblem } from "./problem.ts";
import { securityHeaders } from "./security-headers.ts";
import type { AppInstance, AppRoutes } from "./types.ts";
import { registerWebApp } from "./web-app.ts";

export interface BuildAppOptions {
  /** Every module's routes (src/app/routes.ts). */
  routes: AppRoutes[];
  /** Directory of the built web app; absent or unbuilt means API only. */
  webRoot?: string;
  /** Largest accepted request body in bytes (attachments have their own limit). */
  bodyLimit?: number;
  version: string;
}

/** Builds the HTTP app without listening (tests use `app.inject()`; server.ts listens). */
export async function buildApp(ctx: AppContext, options: BuildAppOptions): Promise<AppInstance> {
  const level = ctx.config.logLevel;
  const app = Fastify({
    logger: level === "silent" ? false : { level },
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    genReqId: () => newId("req"),
    trustProxy: false,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.addHook("onRequest", securityHeaders);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "aicc — Frontier AI Cyber Clearinghouse",
        version: options.version,
        description: "Vulnerability clearinghouse and voluntary pre-release AI cyber evaluation.",
      },
      components: {
        securitySchemes: {
          bearer: { type: "http", scheme: "bearer" },
          session: { type: "apiKey", in: "cookie", name: "aicc_session" },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifyCookie);
  app.decorateRequest("principal", null);
  app.decorateRequest("csrfToken", null);
  app.addHook("preHandler", authenticationHook(ctx.identity));

  app.get("/health", { schema: { hide: true } }, async () => ({ status: "ok" }));
  app.get("/ready", { schema: { hide: true } }, async (_request, reply) => {
    try {
      await ctx.db.selectFrom("aicc_migrations").select("name").limit(1).execute();
      return { status: "ready", database: ctx.store.engine };
    } catch {
      return reply.code(503).send({ status: "unavailable", database: ctx.store.engine });
    }
  });
  app.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());
  app.get("/docs", { schema: { hide: true } }, async (_request, reply) =>
    reply.type("text/html; charset=utf-8").send(renderDocsPage(app.swagger() as Parameters<typeof renderDocsPage>[0])),
  );
  app.get("/docs.css", { schema: { hide: true } }, async (_request, reply) => reply.type("text/css").send(DOCS_CSS));

  for (const routes of options.routes) routes(app, ctx);

  const web = options.webRoot ? await registerWebApp(app, options.webRoot) : { indexHtml: null };
  app.setNotFoundHandler({ preHandler: async () => {} }, async (request, reply) => {
    const isPage =
      request.method === "GET" && !/^\/(api|v1|\.well-known)(\/|$)/.test(request.url) && !request.url.includes(".");
    if (isPage && web.indexHtml && (request.headers.accept ?? "").includes("text/html")) {
      return reply.type("text/html; charset=utf-8").header("cache-control", "no-cache").send(web.indexHtml);
    }
    return sendProblem(reply, notFoundProblem(request));
  });
  return app;
}

/** Zod schema for a JSON problem body, for documenting error responses in routes. */
export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  detail: z.string(),
  code: z.string(),
  fields: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  requestId: z.string(),
});
