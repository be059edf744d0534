import { prettifyError, type z } from "zod";
import { errorFromResponse, networkError, ProviderCallError } from "./errors.ts";

/** What the HTTP providers need to make one call. */
export interface JsonCall<S extends z.ZodType> {
  /** Names the provider in error messages (e.g. `openai-compatible:gpt-x`). */
  label: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  /** The shape a successful response must have; checked, since it comes from outside. */
  response: S;
  signal?: AbortSignal;
}

/**
 * POSTs JSON and returns the checked response body. Failures become `ProviderCallError`s with retry
 * advice; an aborted call rethrows the signal's reason untouched, so whoever aborted (the caller, or
 * the governor's timeout) recognises it.
 */
export async function postJson<S extends z.ZodType>(call: JsonCall<S>): Promise<z.infer<S>> {
  let text: string;
  let status: number;
  let headers: Headers;
  try {
    const res = await fetch(call.url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json", ...call.headers },
      body: JSON.stringify(call.body),
      signal: call.signal,
    });
    status = res.status;
    headers = res.headers;
    text = await res.text();
  } catch (error) {
    if (call.signal?.aborted) throw call.signal.reason;
    throw networkError(call.label, error);
  }
  if (status < 200 || status >= 300) throw errorFromResponse(call.label, status, headers, text);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // A truncated body from a proxy or a dropped connection: another attempt may well succeed.
    throw new ProviderCallError(
      `${call.label}: the response is not JSON: ${text.slice(0, 200)}`,
      "infrastructure",
      status,
      {
        retryable: true,
        congestion: false,
      },
    );
  }
  const parsed = call.response.safeParse(json);
  if (!parsed.success) {
    throw new ProviderCallError(
      `${call.label}: unexpected response shape: ${prettifyError(parsed.error)}`,
      "infrastructure",
      status,
      { retryable: false, congestion: false },
    );
  }
  return parsed.data;
}
