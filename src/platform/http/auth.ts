import type { FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "../errors/errors.ts";
import type { Principal } from "../identity/model.ts";
import type { IdentityService } from "../identity/service.ts";

export const SESSION_COOKIE = "aicc_session";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

declare module "fastify" {
  interface FastifyRequest {
    /** Who is calling, or null when anonymous. Set by the authentication hook. */
    principal: Principal | null;
    /** The session's CSRF token when authenticated by cookie. */
    csrfToken: string | null;
  }
}

/**
 * Resolves the caller from a Bearer API token or the session cookie, and enforces CSRF on
 * cookie-authenticated state changes (a token in a header cannot be sent by another site).
 */
export function authenticationHook(identity: IdentityService) {
  return async (request: FastifyRequest) => {
    request.principal = null;
    request.csrfToken = null;
    const header = request.headers.authorization;
    if (header) {
      const [scheme, token] = header.split(" ", 2);
      if (scheme?.toLowerCase() !== "bearer" || !token)
        throw new AppError("unauthenticated", "Authorization must be `Bearer <token>`");
      const principal = await identity.authenticateToken(token);
      if (!principal) throw new AppError("unauthenticated", "The API token is unknown, expired or revoked");
      request.principal = principal;
      return;
    }
    const cookie = request.cookies[SESSION_COOKIE];
    if (!cookie) return;
    const session = await identity.authenticateSession(cookie);
    if (!session) return;
    request.principal = session.principal;
    request.csrfToken = session.csrfToken;
    if (!SAFE_METHODS.has(request.method) && request.headers["x-csrf-token"] !== session.csrfToken) {
      throw new AppError("csrf", "This request needs the x-csrf-token header of your session");
    }
  };
}

/** The caller, or a 401: call first in every route that needs a signed-in user. */
export function requirePrincipal(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError("unauthenticated", "Sign in or send an API token");
  return request.principal;
}

export function setSessionCookie(reply: FastifyReply, value: string, maxAgeSeconds: number, secure: boolean) {
  reply.setCookie(SESSION_COOKIE, value, {
    httpOnly: true,
    sameSite: "strict",
    secure,
    path: "/",
    maxAge: maxAgeSeconds,
  });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean) {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: "strict", secure, path: "/" });
}
