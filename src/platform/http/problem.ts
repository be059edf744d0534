import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { AppError, ERROR_CATALOGUE, type ErrorCode, type FieldProblem } from "../errors/errors.ts";

/** RFC 9457 problem details: the one error shape of the API. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  fields?: FieldProblem[];
  requestId: string;
}

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: "payload_too_large",
  FST_ERR_CTP_INVALID_MEDIA_TYPE: "unsupported_media_type",
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: "validation",
  FST_ERR_CTP_EMPTY_JSON_BODY: "validation",
  FST_ERR_CTP_INVALID_JSON_BODY: "validation",
};

function problem(request: FastifyRequest, code: ErrorCode, detail: string, fields?: FieldProblem[]): Problem {
  const entry = ERROR_CATALOGUE[code];
  return {
    type: `/docs#error-${code}`,
    title: entry.title,
    status: entry.status,
    detail,
    code,
    ...(fields && fields.length > 0 ? { fields } : {}),
    requestId: String(request.id),
  };
}

export function sendProblem(reply: FastifyReply, body: Problem, headers: Record<string, string> = {}) {
  return reply.code(body.status).headers(headers).type("application/problem+json").send(body);
}

/** Maps every error to problem+json; unexpected errors are logged and shown without internals. */
export function errorHandler(error: FastifyError | AppError | Error, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) {
    return sendProblem(reply, problem(request, error.code, error.message, error.fields), error.headers);
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = (error as { validationContext?: string }).validationContext ?? "body";
    const fields = error.validation.map((v) => {
      const pointer = v.instancePath.replace(/^\//, "").replaceAll("/", ".");
      return { field: pointer ? `${where}.${pointer}` : where, message: v.message ?? "is not valid" };
    });
    return sendProblem(
      reply,
      problem(request, "validation", fields.map((f) => `${f.field}: ${f.message}`).join("; "), fields),
    );
  }
  const fastifyCode = "code" in error ? FASTIFY_CODES[String(error.code)] : undefined;
  if (fastifyCode) return sendProblem(reply, problem(request, fastifyCode, error.message));
  if (error instanceof SyntaxError || ("statusCode" in error && error.statusCode === 400)) {
    return sendProblem(
      reply,
      problem(request, "validation", `body: ${error.message}`, [{ field: "body", message: error.message }]),
    );
  }
  const status = "statusCode" in error && typeof error.statusCode === "number" ? error.statusCode : 500;
  if (status >= 400 && status < 500) {
    const code = (Object.entries(ERROR_CATALOGUE).find(([, e]) => e.status === status)?.[0] ??
      "validation") as ErrorCode;
    return sendProblem(reply, problem(request, code, error.message));
  }
  request.log.error({ err: error }, "unhandled error");
  return sendProblem(
    reply,
    problem(request, "internal", "Something went wrong on our side; the request id identifies it in the logs"),
  );
}

export function notFoundProblem(request: FastifyRequest): Problem {
  return problem(request, "not_found", `No route ${request.method} ${request.url.split("?")[0]}`);
}
