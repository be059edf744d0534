import { z } from "zod";
import type { AppRoutes } from "../../platform/http/types.ts";
import { CSAF_ROOT } from "./csaf-feed.ts";
import { OsvBatchSchema, OsvQuerySchema } from "./osv-api.ts";

const OsvDocument = z.record(z.string(), z.unknown());
const OsvPage = z.object({ vulns: z.array(OsvDocument).optional(), next_page_token: z.string().optional() });
const OsvBriefPage = z.object({
  vulns: z.array(z.object({ id: z.string(), modified: z.string() })).optional(),
  next_page_token: z.string().optional(),
});

/**
 * Public feeds, answered as the anonymous principal (TLP:CLEAR only): the OSV-compatible API
 * (osv.dev's v1 shapes) and the CSAF 2.0 provider (metadata, ROLIE feed, documents by year).
 */
export const publicAdvisoryRoutes: AppRoutes = (app, ctx) => {
  app.post(
    "/v1/query",
    {
      schema: {
        tags: ["osv"],
        summary: "OSV: vulnerabilities of a package version ({package, version}) or a commit",
        security: [],
        body: OsvQuerySchema,
        response: { 200: OsvPage },
      },
    },
    async (request) => ctx.osv.query(request.body),
  );

  app.post(
    "/v1/querybatch",
    {
      schema: {
        tags: ["osv"],
        summary: "OSV: several queries at once; ids and modified times only",
        security: [],
        body: OsvBatchSchema,
        response: { 200: z.object({ results: z.array(OsvBriefPage) }) },
      },
    },
    async (request) => ctx.osv.queryBatch(request.body),
  );

  app.get(
    "/v1/vulns/:id",
    {
      schema: {
        tags: ["osv"],
        summary: "OSV: one vulnerability by its id or an alias",
        security: [],
        params: z.object({ id: z.string().min(1).max(200) }),
        response: { 200: OsvDocument },
      },
    },
    async (request) => ctx.osv.vuln(request.params.id),
  );

  const cached = { "cache-control": "public, max-age=300" };

  app.get(
    `${CSAF_ROOT}/provider-metadata.json`,
    { schema: { tags: ["csaf"], summary: "CSAF 2.0 provider metadata", security: [] } },
    async (_request, reply) => reply.headers(cached).send(await ctx.csafFeed.providerMetadata()),
  );

  app.get(
    `${CSAF_ROOT}/white/feed-tlp-white.json`,
    { schema: { tags: ["csaf"], summary: "CSAF ROLIE feed of TLP:WHITE (TLP:CLEAR) advisories", security: [] } },
    async (_request, reply) => reply.headers(cached).send(await ctx.csafFeed.feed()),
  );

  app.get(
    `${CSAF_ROOT}/white/index.txt`,
    { schema: { tags: ["csaf"], summary: "CSAF directory index", security: [] } },
    async (_request, reply) =>
      reply
        .headers(cached)
        .type("text/plain; charset=utf-8")
        .send(await ctx.csafFeed.index()),
  );

  app.get(
    `${CSAF_ROOT}/white/changes.csv`,
    { schema: { tags: ["csaf"], summary: "CSAF directory changes", security: [] } },
    async (_request, reply) =>
      reply
        .headers(cached)
        .type("text/csv; charset=utf-8")
        .send(await ctx.csafFeed.changes()),
  );

  app.get(
    `${CSAF_ROOT}/white/:year/:file`,
    {
      schema: {
        tags: ["csaf"],
        summary: "A CSAF document (or its .sha256/.sha512 file)",
        security: [],
        params: z.object({
          year: z.string().regex(/^\d{4}$/),
          file: z.string().regex(/^[a-z0-9+_-]+\.json(\.sha256|\.sha512)?$/),
        }),
      },
    },
    async (request, reply) => {
      const file = await ctx.csafFeed.file(request.params.year, request.params.file);
      return reply.headers(cached).type(file.type).send(file.body);
    },
  );
};
