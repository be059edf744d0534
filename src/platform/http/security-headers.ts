import type { FastifyReply, FastifyRequest } from "fastify";

/**
 * Strict headers on every response. The CSP allows no inline script or style, no plugins, no framing:
 * even if attacker-written text reached the DOM as HTML, it could not run.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

export async function securityHeaders(request: FastifyRequest, reply: FastifyReply) {
  reply.headers({
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    "x-request-id": String(request.id),
  });
  if (request.protocol === "https") reply.header("strict-transport-security", "max-age=31536000; includeSubDomains");
}
