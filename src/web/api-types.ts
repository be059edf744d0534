/**
 * Shapes of the platform HTTP API as the web app sees them (see the API contract). Kept in one file so
 * they can later be replaced by the shared zod schemas without touching the pages.
 */

export type Clearance = "none" | "cui" | "secret" | "top_secret";

export type OrgKind = "government" | "ai_developer" | "vendor" | "operator" | "researcher";

export type ModuleId = "dashboard" | "clearinghouse" | "exposure" | "evaluation" | "framework" | "programs" | "admin";

/** The organisation a user belongs to. */
export interface Org {
  id: string;
  name: string;
  kind: OrgKind;
  /** CISA critical-infrastructure sectors (operators), e.g. `energy`. */
  sectors: string[];
}

/** The signed-in user as the server describes them. */
export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  roles: string[];
  clearance: Clearance;
  org: Org;
}

/** One navigation entry, computed server-side by the policy module. */
export interface ModuleLink {
  id: ModuleId;
  title: string;
  path: string;
}

/** Answer of `POST /api/auth/login` and `GET /api/session`. */
export interface Session {
  user: SessionUser;
  /** Null when the caller authenticated with an API token instead of the session cookie. */
  csrfToken: string | null;
  modules: ModuleLink[];
}

/** A personal API token as listed (never with its secret). Times are UTC ISO-8601. */
export interface ApiToken {
  id: string;
  name: string;
  scopes: string[];
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

/** Answer of `GET /api/tokens`. */
export interface TokenList {
  tokens: ApiToken[];
}

/** Body of `POST /api/tokens`. */
export interface CreateTokenRequest {
  name: string;
  scopes: string[];
  /** Omitted: the token does not expire. */
  expiresInDays?: number;
}

/** Answer of `POST /api/tokens`: the secret `token` is shown once and never again. */
export type CreatedToken = Partial<ApiToken> & { id: string; token: string };

/** One offending input field of a validation problem. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** RFC 9457 problem details as the server sends them. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  fields?: FieldProblem[];
  requestId?: string;
}
