import { attachmentDisposition } from "../../clearinghouse/reports/routes.ts";
import { requirePrincipal } from "../../platform/http/auth.ts";
import type { AppRoutes } from "../../platform/http/types.ts";
import { CompareQuery, RunListQuery, RunParams, SampleListQuery, SampleParams } from "./viewer-model.ts";

/** /api/eval: the evaluation viewer (runs, results, samples, transcripts, the run log, comparisons). Reads only. */
export const evalViewerRoutes: AppRoutes = (app, ctx) => {
  app.get(
    "/api/eval/runs",
    {
      schema: {
        tags: ["evaluation"],
        summary: "Evaluation runs, newest first, with progress and the primary score's 95% interval",
        querystring: RunListQuery,
      },
    },
    async (request) => ctx.evalViewer.listRuns(requirePrincipal(request), request.query),
  );

  app.get(
    "/api/eval/runs/:id",
    {
      schema: {
        tags: ["evaluation"],
        summary:
          "A run's spec and results: accuracy per scorer with stderr and 95% intervals, categories, errors, tokens",
        params: RunParams,
      },
    },
    async (request) => ctx.evalViewer.getRun(requirePrincipal(request), request.params.id),
  );

  app.get(
    "/api/eval/runs/:id/samples",
    {
      schema: {
        tags: ["evaluation"],
        summary: "A run's (sample, epoch)s, filterable by outcome (correct, incorrect, error) and category",
        params: RunParams,
        querystring: SampleListQuery,
      },
    },
    async (request) => ctx.evalViewer.listSamples(requirePrincipal(request), request.params.id, request.query),
  );

  app.get(
    "/api/eval/runs/:id/samples/:sampleId/:epoch",
    {
      schema: {
        tags: ["evaluation"],
        summary: "One transcript: messages, tool calls with sandbox output, scores and every event in order",
        params: SampleParams,
      },
    },
    async (request) =>
      ctx.evalViewer.getSample(
        requirePrincipal(request),
        request.params.id,
        request.params.sampleId,
        request.params.epoch,
      ),
  );

  app.get(
    "/api/eval/runs/:id/log",
    {
      schema: {
        tags: ["evaluation"],
        summary: "Download the run log (JSON: spec, samples, outcomes, events)",
        params: RunParams,
      },
    },
    async (request, reply) => {
      const log = await ctx.evalViewer.runLog(requirePrincipal(request), request.params.id);
      return reply
        .header("content-type", "application/json; charset=utf-8")
        .header("content-disposition", attachmentDisposition(`${log.run.id}.json`))
        .header("cache-control", "private, no-store")
        .send(JSON.stringify(log));
    },
  );

  app.get(
    "/api/eval/compare",
    {
      schema: {
        tags: ["evaluation"],
        summary: "Paired comparison of run a against run b on the samples both scored",
        querystring: CompareQuery,
      },
    },
    async (request) => ctx.evalViewer.compare(requirePrincipal(request), request.query.a, request.query.b),
  );
};
