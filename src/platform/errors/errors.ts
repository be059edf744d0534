import type { z } from "zod";

/**
 * The one catalogue of domain errors. Services throw `AppError` with a stable code; the HTTP layer maps
 * it to RFC 9457 problem+json and the CLI to a one-line message and a non-zero exit. Services never
 * throw HTTP exceptions themselves.
 */
export const ERROR_CATALOGUE = {
  validation: { status: 400, title: "The input is not valid" },
  unauthenticated: { status: 401, title: "Authentication is required" },
  forbidden: { status: 403, title: "Not allowed" },
  not_found: { status: 404, title: "Not found" },
  conflict: { status: 409, title: "Conflicts with the current state" },
  payload_too_large: { status: 413, title: "The request body is too large" },
  unsupported_media_type: { status: 415, title: "Unsupported media type" },
  rate_limited: { status: 429, title: "Too many requests" },
  quota_exceeded: { status: 429, title: "Quota exceeded" },
  csrf: { status: 403, title: "Missing or invalid CSRF token" },
  internal: { status: 500, title: "Internal error" },
  unavailable: { status: 503, title: "Service unavailable" },
} as const;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export interface FieldProblem {
  /** Dotted path or JSON pointer of the offending field, e.g. `body.email`. */
  field: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields: FieldProblem[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return ERROR_CATALOGUE[this.code].status;
  }
}

export const notFound = (what: string) => new AppError("not_found", `${what} was not found`);
export const forbidden = (why: string) => new AppError("forbidden", why);
export const invalid = (field: string, message: string) =>
  new AppError("validation", `${field}: ${message}`, [{ field, message }]);
export const conflict = (message: string) => new AppError("conflict", message);

/**
 * Parses `input` with `schema` or throws a validation error naming every bad field (`prefix.path`),
 * so the CLI and service callers get the same answer the HTTP routes give.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, prefix?: string): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields = result.error.issues.map((i) => {
    const path = [...(prefix ? [prefix] : []), ...i.path.map(String)];
    return { field: path.join(".") || "(input)", message: i.message };
  });
  throw new AppError("validation", fields.map((f) => `${f.field}: ${f.message}`).join("; "), fields);
}
