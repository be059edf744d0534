import multipart from "@fastify/multipart";
import type { FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError, invalid } from "../../platform/errors/errors.ts";
import { requirePrincipal } from "../../platform/http/auth.ts";
import type { AppRoutes } from "../../platform/http/types.ts";
import {
  AttachmentSchema,
  MergeInput,
  ReportDetailSchema,
  ReportInput,
  ReportListQuery,
  ReportSchema,
  TransitionInput,
} from "./model.ts";
import type { Upload } from "./service.ts";

/** The largest body the attachment route reads; the instance setting (10 MiB by default) is enforced below it. */
export const ATTACHMENT_BODY_LIMIT = 64 * 1024 * 1024;

/** Files one multipart upload may carry. */
const MAX_FILES_PER_UPLOAD = 20;

const AttachedSchema = AttachmentSchema.omit({ createdAt: true }).extend({ added: z.boolean() });
const IdParams = z.object({ id: z.string().max(40) });
const AttachmentParams = IdParams.extend({ sha256: z.string().regex(/^[0-9a-f]{64}$/, "must be a SHA-256 in hex") });
const CandidateSchema = z.object({
  id: z.string(),
  kind: z.enum(["report", "advisory"]),
  title: z.string(),
  score: z.number(),
  suggestMerge: z.boolean(),
  reasons: z.array(z.string()),
  createdAt: z.string(),
});

/** `Content-Disposition: attachment` with an ASCII fallback and the RFC 5987 UTF-8 name. */
export function attachmentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** /api/reports: intake, reading, attachments, triage transitions, duplicates and merges. */
export const reportRoutes: AppRoutes = (app, ctx) => {
  app.post(
    "/api/reports",
    {
      schema: {
        tags: ["reports"],
        summary: "Submit a vulnerability report with its provenance",
        body: ReportInput,
        response: { 201: ReportSchema },
      },
    },
    async (request, reply) => {
      const report = await ctx.reports.submit(requirePrincipal(request), request.body);
      return reply.code(201).send(report);
    },
  );

  app.get(
    "/api/reports",
    {
      schema: {
        tags: ["reports"],
        summary: "My organisation's reports, or (view=triage) the coordinators' triage queue",
        querystring: ReportListQuery,
        response: { 200: z.object({ items: z.array(ReportSchema), nextCursor: z.string().nullable() }) },
      },
    },
    async (request) => ctx.reports.list(requirePrincipal(request), request.query),
  );

  app.get(
    "/api/reports/:id",
    {
      schema: { tags: ["reports"], summary: "One report", params: IdParams, response: { 200: ReportDetailSchema } },
    },
    async (request) => ctx.reports.get(requirePrincipal(request), request.params.id),
  );

  app.post(
    "/api/reports/:id/transition",
    {
      schema: {
        tags: ["reports"],
        summary: "Move a report to another state (coordinators); scores are recomputed",
        params: IdParams,
        body: TransitionInput,
        response: { 200: ReportSchema },
      },
    },
    async (request) => ctx.reports.transition(requirePrincipal(request), request.params.id, request.body),
  );

  app.get(
    "/api/reports/:id/duplicates",
    {
      schema: {
        tags: ["reports"],
        summary: "Ranked duplicate candidates with reasons (coordinators)",
        params: IdParams,
        response: { 200: z.object({ candidates: z.array(CandidateSchema) }) },
      },
    },
    async (request) => ({ candidates: await ctx.reports.duplicates(requirePrincipal(request), request.params.id) }),
  );

  app.post(
    "/api/reports/:id/merge",
    {
      schema: {
        tags: ["reports"],
        summary: "Merge this duplicate into the earlier original (coordinators)",
        params: IdParams,
        body: MergeInput,
        response: { 200: ReportSchema },
      },
    },
    async (request) => ctx.reports.merge(requirePrincipal(request), request.params.id, request.body),
  );

  app.get(
    "/api/reports/:id/attachments/:sha256",
    {
      schema: {
        tags: ["reports"],
        summary: "Download an attachment (always as application/octet-stream)",
        params: AttachmentParams,
      },
    },
    async (request, reply) => {
      const file = await ctx.reports.download(requirePrincipal(request), request.params.id, request.params.sha256);
      return reply
        .header("content-type", "application/octet-stream")
        .header("content-disposition", attachmentDisposition(file.filename))
        .header("x-content-type-options", "nosniff")
        .header("cache-control", "private, no-store")
        .send(Buffer.from(file.content));
    },
  );

  // The upload route reads multipart/form-data (several files) or any other content type as raw
  // bytes: a file is never parsed or trusted. Multipart is registered in this scope only, so the
  // JSON routes are unchanged.
  app.register(async (plugin) => {
    const raw = plugin.withTypeProvider<ZodTypeProvider>();
    raw.removeAllContentTypeParsers();
    await raw.register(multipart, {
      throwFileSizeLimit: false, // readMultipartFiles answers 413 naming the file
      limits: { files: MAX_FILES_PER_UPLOAD, fields: 10, parts: MAX_FILES_PER_UPLOAD + 10 }, // text fields are ignored
    });
    raw.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: ATTACHMENT_BODY_LIMIT }, (_request, body, done) =>
      done(null, body),
    );
    raw.post(
      "/api/reports/:id/attachments",
      {
        bodyLimit: ATTACHMENT_BODY_LIMIT,
        schema: {
          tags: ["reports"],
          summary:
            "Attach files: multipart/form-data (one or more file parts), or a raw request body named by ?filename=; stored by SHA-256",
          params: IdParams,
          querystring: z.object({ filename: z.string().min(1).max(255).optional() }),
          response: { 201: z.union([AttachedSchema, z.object({ files: z.array(AttachedSchema) })]) },
        },
      },
      async (request, reply) => {
        const actor = requirePrincipal(request);
        if (request.isMultipart()) {
          const uploads = await readMultipartFiles(request, await ctx.reports.attachmentMaxBytes());
          return reply.code(201).send({ files: await ctx.reports.attachFiles(actor, request.params.id, uploads) });
        }
        if (request.query.filename === undefined)
          throw invalid("filename", "a raw upload is named by the ?filename= query parameter");
        const body = request.body;
        const result = await ctx.reports.attach(actor, request.params.id, {
          filename: request.query.filename,
          mediaType: String(request.headers["content-type"] ?? "application/octet-stream"),
          content: Buffer.isBuffer(body) ? body : Buffer.alloc(0),
        });
        return reply.code(201).send(result);
      },
    );
  });
};

/**
 * Reads every file part of a multipart request, stopping at the first file over `maxBytes` (busboy
 * cuts it there): 413 naming that file, before the rest of the request is buffered.
 */
async function readMultipartFiles(request: FastifyRequest, maxBytes: number): Promise<Upload[]> {
  const uploads: Upload[] = [];
  for await (const part of request.parts({ limits: { fileSize: maxBytes } })) {
    if (part.type !== "file") continue;
    const chunks: Buffer[] = [];
    for await (const chunk of part.file) {
      if (part.file.truncated) break;
      chunks.push(chunk as Buffer);
    }
    if (part.file.truncated) {
      part.file.resume(); // busboy discards the rest of this file
      throw new AppError("payload_too_large", `${part.filename}: attachments are limited to ${maxBytes} bytes`, [
        { field: part.filename, message: `larger than ${maxBytes} bytes` },
      ]);
    }
    uploads.push({ filename: part.filename, mediaType: part.mimetype, content: Buffer.concat(chunks) });
  }
  return uploads;
}
