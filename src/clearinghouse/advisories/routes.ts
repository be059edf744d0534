import { z } from "zod";
import { requirePrincipal } from "../../platform/http/auth.ts";
import type { AppRoutes } from "../../platform/http/types.ts";
import { AdvisoryDetailSchema, AdvisoryFormat, AdvisoryListQuery, AdvisorySchema } from "./model.ts";

const IdParams = z.object({ id: z.string().min(1).max(200) });
const DownloadParams = IdParams.extend({ format: z.union([AdvisoryFormat, z.literal("stix")]) });

/**
 * The signed-in advisory API: lists and pages of every advisory the caller may read (TLP through
 * the policy module; unreadable ones are "not found"), and each format as a download.
 */
export const advisoryRoutes: AppRoutes = (app, ctx) => {
  app.get(
    "/api/advisories",
    {
      schema: {
        tags: ["advisories"],
        summary: "Advisories the caller may read, newest change first (keyset paginated)",
        querystring: AdvisoryListQuery,
        response: {
          200: z.object({
            items: z.array(AdvisorySchema.extend({ inKev: z.boolean() })),
            nextCursor: z.string().nullable(),
          }),
        },
      },
    },
    async (request) => ctx.advisories.list(requirePrincipal(request), request.query),
  );

  app.get(
    "/api/advisories/:id",
    {
      schema: {
        tags: ["advisories"],
        summary: "One advisory with its CSAF, OSV and CVE documents and KEV entry",
        params: IdParams,
        response: { 200: AdvisoryDetailSchema },
      },
    },
    async (request) => ctx.advisories.get(requirePrincipal(request), request.params.id),
  );

  app.get(
    "/api/advisories/:id/:format",
    {
      schema: {
        tags: ["advisories"],
        summary: "Download one format of an advisory: csaf, osv, cve5 or stix (a STIX 2.1 bundle)",
        params: DownloadParams,
      },
    },
    async (request, reply) => {
      const file = await ctx.advisories.download(requirePrincipal(request), request.params.id, request.params.format);
      return reply
        .type("application/json")
        .header("content-disposition", `attachment; filename="${file.filename.replace(/[^A-Za-z0-9._+-]/g, "_")}"`)
        .header("cache-control", "private, no-store")
        .send(file.body);
    },
  );
};
