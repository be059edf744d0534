import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Webhook signatures. Each delivery carries
 *
 *   x-aicc-timestamp: <unix seconds when this attempt was sent>
 *   x-aicc-signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>
 *
 * where `secret` is the `whsec_…` string shown once when the webhook was created (its UTF-8 bytes
 * are the HMAC key). A receiver verifies a delivery by:
 *
 * 1. reading the raw request body as bytes, before any JSON parsing (re-serialising changes it);
 * 2. recomputing the HMAC over `${x-aicc-timestamp}.${body}` and comparing it with the header's hex
 *    in constant time;
 * 3. refusing a timestamp more than 5 minutes from its own clock (the replay window), and
 *    remembering `x-aicc-delivery` ids it has processed within that window, so a captured request
 *    replayed inside the window is dropped too. A retry is a new attempt with a new timestamp and
 *    signature but the same delivery id: process each delivery id once.
 *
 * `verifyWebhookSignature` below does steps 2 and 3 (without the id memory) and is what the tests use.
 */

export const SIGNATURE_HEADER = "x-aicc-signature";
export const TIMESTAMP_HEADER = "x-aicc-timestamp";
export const DELIVERY_HEADER = "x-aicc-delivery";
export const EVENT_HEADER = "x-aicc-event";

/** The replay window a receiver should allow around its own clock. */
export const REPLAY_WINDOW_SECONDS = 300;

/** A fresh webhook secret: 32 random bytes, prefixed so it is recognisable in a secret scanner. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

/** The `x-aicc-signature` value for a body sent at `timestamp` (unix seconds). */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** Why a delivery did not verify, or null when it did. */
export function verifyWebhookSignature(
  secret: string,
  headers: { timestamp: string | undefined; signature: string | undefined },
  body: string,
  options: { nowSeconds?: number; toleranceSeconds?: number } = {},
): string | null {
  const timestamp = Number(headers.timestamp);
  if (!headers.timestamp || !/^\d+$/.test(headers.timestamp) || !Number.isSafeInteger(timestamp))
    return `missing or malformed ${TIMESTAMP_HEADER}`;
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > (options.toleranceSeconds ?? REPLAY_WINDOW_SECONDS))
    return "timestamp outside the replay window";
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(headers.signature ?? "");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return "signature does not match";
  return null;
}
