import { ProviderError } from "../model.ts";

/** How the rate governor should treat a failed call. */
export interface RetryAdvice {
  /** Worth another attempt (429, 5xx, network errors, timeouts). */
  retryable: boolean;
  /** The endpoint says it is overloaded (429, 503, 529): halve the concurrency. */
  congestion: boolean;
  /** What the server asked for (Retry-After / retry-after-ms), in ms. */
  retryAfterMs?: number;
}

/**
 * A failed provider call with the retry advice the rate governor needs. It is a `ProviderError`, so
 * callers that only know the shared vocabulary still see its kind and status.
 */
export class ProviderCallError extends ProviderError {
  constructor(
    message: string,
    kind: ProviderError["kind"],
    status: number | undefined,
    readonly advice: RetryAdvice,
  ) {
    super(message, kind, status);
  }
}

/**
 * A model call that ran past the sample's remaining working time. Not a provider failure: it is
 * never retried, and the solver ends the sample with `limit: "time"`.
 */
export class TimeLimitError extends Error {
  constructor(readonly limitMs: number) {
    super(
      `time limit reached: the model call ran past the sample's remaining ${Math.round(limitMs)} ms of working time`,
    );
    this.name = "TimeLimitError";
  }
}

/**
 * The delay a response asks for, in ms: `retry-after-ms` (sent by OpenAI) or `Retry-After` as
 * seconds or an HTTP date (RFC 9110 §10.2.3). Undefined when absent or unreadable.
 */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const ms = Number.parseFloat(headers.get("retry-after-ms") ?? "");
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers.get("retry-after")?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number.parseFloat(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The error message inside an OpenAI (`{error: {message}}`) or Anthropic (`{error: {type, message}}`) body. */
function messageOf(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown } | string; message?: unknown };
    const message = typeof parsed.error === "string" ? parsed.error : (parsed.error?.message ?? parsed.message);
    if (typeof message === "string") return message;
  } catch {
    // Not JSON (a proxy's HTML page, say): the raw text below says more than nothing.
  }
  return body.slice(0, 500);
}

const CONTENT_POLICY = /content[_ -]?(filter|policy|management)|safety system|responsible ai/i;

/** Maps a non-2xx HTTP response to a `ProviderCallError` with its kind and retry advice. */
export function errorFromResponse(label: string, status: number, headers: Headers, body: string): ProviderCallError {
  const detail = messageOf(body);
  const message = `${label}: HTTP ${status}: ${detail}`;
  const retryAfter = retryAfterMs(headers);
  if (status === 429) {
    return new ProviderCallError(message, "rate_limited", status, {
      retryable: true,
      congestion: true,
      retryAfterMs: retryAfter,
    });
  }
  // 529 is Anthropic's "overloaded"; 503 the usual "unavailable": both ask clients to slow down.
  if (status === 503 || status === 529) {
    return new ProviderCallError(message, "infrastructure", status, {
      retryable: true,
      congestion: true,
      retryAfterMs: retryAfter,
    });
  }
  if (status >= 500 || status === 408) {
    return new ProviderCallError(message, "infrastructure", status, {
      retryable: true,
      congestion: false,
      retryAfterMs: retryAfter,
    });
  }
  const noRetry = { retryable: false, congestion: false };
  if (status === 401 || status === 403) return new ProviderCallError(message, "auth", status, noRetry);
  if (CONTENT_POLICY.test(detail)) return new ProviderCallError(message, "content_filter", status, noRetry);
  return new ProviderCallError(message, "bad_request", status, noRetry);
}

/** A call that never got an HTTP response (refused, reset, DNS…): worth retrying. */
export function networkError(label: string, error: unknown): ProviderCallError {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const reason = cause?.code ?? cause?.message ?? (error as Error).message;
  return new ProviderCallError(`${label}: network error: ${reason}`, "infrastructure", undefined, {
    retryable: true,
    congestion: false,
  });
}
