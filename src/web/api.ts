import type { CreatedToken, CreateTokenRequest, FieldProblem, Problem, Session, TokenList } from "./api-types.ts";

/** An API call that failed: a problem+json answer, another error status, or no answer at all (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly fields: FieldProblem[];
  readonly requestId: string | undefined;

  constructor(status: number, problem: Problem) {
    const title = problem.title ?? `Request failed (${status})`;
    super(problem.detail ?? title);
    this.name = "ApiError";
    this.status = status;
    this.code = problem.code ?? (status === 0 ? "network" : "unknown");
    this.title = title;
    this.fields = Array.isArray(problem.fields) ? problem.fields : [];
    this.requestId = problem.requestId;
  }
}

export interface ApiClientOptions {
  /** Prefix of every path; empty for the same origin. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Called when an authenticated call answers 401 (the session ended elsewhere or expired). */
  onUnauthenticated?: () => void;
}

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * The small typed client of the platform API. Cookie-authenticated: it keeps the CSRF token from
 * login/session in memory and sends it as `x-csrf-token` on every state-changing request.
 */
export class ApiClient {
  #csrfToken: string | null = null;
  readonly #baseUrl: string;
  readonly #fetch: typeof fetch;
  readonly #onUnauthenticated: (() => void) | undefined;

  constructor(options: ApiClientOptions = {}) {
    this.#baseUrl = options.baseUrl ?? "";
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.#onUnauthenticated = options.onUnauthenticated;
  }

  /** The current session, or null when nobody is signed in. */
  async session(): Promise<Session | null> {
    try {
      return this.#remember(await this.#request<Session>("GET", "/api/session", undefined, false));
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return null;
      throw error;
    }
  }

  async login(email: string, password: string): Promise<Session> {
    return this.#remember(await this.#request<Session>("POST", "/api/auth/login", { email, password }, false));
  }

  async logout(): Promise<void> {
    try {
      await this.#request<void>("POST", "/api/auth/logout", undefined, false);
    } finally {
      this.#csrfToken = null;
    }
  }

  listTokens(): Promise<TokenList> {
    return this.#request<TokenList>("GET", "/api/tokens");
  }

  createToken(request: CreateTokenRequest): Promise<CreatedToken> {
    return this.#request<CreatedToken>("POST", "/api/tokens", request);
  }

  revokeToken(id: string): Promise<void> {
    return this.#request<void>("DELETE", `/api/tokens/${encodeURIComponent(id)}`);
  }

  /**
   * Any JSON call of the API. Feature folders wrap it in typed functions of their own
   * (`routes/<module>/api.ts`), so this class stays the one place that speaks HTTP.
   */
  request<T>(method: Method, path: string, body?: unknown): Promise<T> {
    return this.#request<T>(method, path, body);
  }

  #remember(session: Session): Session {
    this.#csrfToken = session.csrfToken;
    return session;
  }

  async #request<T>(method: Method, path: string, body?: unknown, reportUnauthenticated = true): Promise<T> {
    const headers: Record<string, string> = { accept: "application/json, application/problem+json" };
    if (body !== undefined) headers["content-type"] = "application/json";
    if (method !== "GET" && this.#csrfToken) headers["x-csrf-token"] = this.#csrfToken;
    let response: Response;
    try {
      response = await this.#fetch(this.#baseUrl + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: "same-origin",
      });
    } catch {
      throw new ApiError(0, { title: "No answer", detail: "The server cannot be reached. Check your connection." });
    }
    if (!response.ok) {
      const error = new ApiError(response.status, await readProblem(response));
      if (response.status === 401 && reportUnauthenticated) this.#onUnauthenticated?.();
      throw error;
    }
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

async function readProblem(response: Response): Promise<Problem> {
  const fallback: Problem = { title: `${response.status} ${response.statusText}`.trim(), status: response.status };
  const type = response.headers.get("content-type") ?? "";
  if (!type.includes("json")) return fallback;
  try {
    const parsed: unknown = await response.json();
    if (parsed === null || typeof parsed !== "object") return fallback;
    const problem = parsed as Record<string, unknown>;
    return {
      ...fallback,
      type: asString(problem.type),
      title: asString(problem.title) ?? fallback.title,
      detail: asString(problem.detail) ?? asString(problem.message),
      code: asString(problem.code),
      requestId: asString(problem.requestId),
      fields: Array.isArray(problem.fields) ? problem.fields.filter(isFieldProblem) : undefined,
    };
  } catch {
    return fallback;
  }
}

function isFieldProblem(value: unknown): value is FieldProblem {
  if (value === null || typeof value !== "object") return false;
  const { field, message } = value as Record<string, unknown>;
  return typeof field === "string" && typeof message === "string";
}

function asString(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}
