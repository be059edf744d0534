import nodemailer from "nodemailer";
import { z } from "zod";
import type { AppContext } from "../../app/context.ts";
import type { Vault } from "../crypto/vault.ts";
import type { Db } from "../db/database.ts";
import { defineQueue, type JobContext, type RetryPolicy, type Worker } from "../queue/index.ts";
import type { DeliveryEvent, WebhookPayload } from "./model.ts";
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER } from "./signature.ts";
import * as store from "./store.ts";

/**
 * Sending deliveries: one queue job per webhook call or e-mail, enqueued by `notify` in its caller's
 * transaction. A failed attempt (non-2xx, redirect, network error, timeout, SMTP error) is recorded on
 * the delivery and thrown, so the queue retries it with backoff and dead-letters it after the last
 * attempt; a success is recorded in the same transaction that completes the job.
 */

const DeliveryJob = z.object({ deliveryId: z.string() });

/** 30 s, 1 min, 2 min … capped at 1 h: eight attempts span about an hour of receiver downtime. */
const DELIVERY_RETRY: Partial<RetryPolicy> = { baseMs: 30_000, maxMs: 60 * 60_000, jitter: 0.3 };

export const webhookDeliveryQueue = defineQueue("notify.webhook", DeliveryJob, {
  maxAttempts: 8,
  retry: DELIVERY_RETRY,
});
export const emailDeliveryQueue = defineQueue("notify.email", DeliveryJob, { maxAttempts: 8, retry: DELIVERY_RETRY });

export const WEBHOOK_TIMEOUT_MS = 10_000;
const MAX_ERROR_LENGTH = 1_000;

/** SMTP settings; absent: e-mail is not configured. */
export interface SmtpSettings {
  url: string;
  from: string;
}

export interface DeliveryDeps {
  db: Db;
  vault: Vault;
  smtp?: SmtpSettings | undefined;
  /** Per webhook attempt; default 10 s. */
  timeoutMs?: number;
}

/** An attempt that did not deliver; `responseCode` when the receiver answered. */
class DeliveryFailed extends Error {
  constructor(
    message: string,
    readonly responseCode: number | null,
  ) {
    super(message);
    this.name = "DeliveryFailed";
  }
}

function describe(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
  const text = error instanceof Error ? `${error.message}${cause}` : String(error);
  return text.slice(0, MAX_ERROR_LENGTH);
}

/**
 * Runs one attempt: `send` delivers or throws. Success is committed with the job; a failure is
 * recorded (dead on the job's last attempt) and rethrown for the queue to retry.
 */
async function attempt(
  deps: DeliveryDeps,
  ctx: JobContext,
  delivery: store.DeliveryRow,
  send: () => Promise<number | null>,
): Promise<void> {
  const attempts = ctx.job.attempts;
  let responseCode: number | null;
  try {
    responseCode = await send();
  } catch (error) {
    // A stopping worker releases the job: this attempt does not count and is not recorded.
    if (ctx.signal.aborted) throw error;
    await store.recordAttempt(deps.db, delivery.id, {
      status: attempts >= ctx.job.maxAttempts ? "dead" : "retrying",
      attempts,
      responseCode: error instanceof DeliveryFailed ? error.responseCode : null,
      lastError: describe(error),
    });
    throw error;
  }
  await ctx.commit((trx) =>
    store.recordAttempt(trx, delivery.id, { status: "delivered", attempts, responseCode, lastError: null }),
  );
}

/** A delivery still to be sent, or undefined (done, cancelled, or gone). */
async function pending(deps: DeliveryDeps, id: string): Promise<store.DeliveryRow | undefined> {
  const delivery = await store.findDelivery(deps.db, id);
  return delivery && (delivery.status === "pending" || delivery.status === "retrying") ? delivery : undefined;
}

/** POSTs the event to the webhook, signed; redirects are failures, never followed. */
export function webhookHandler(deps: DeliveryDeps) {
  return async ({ deliveryId }: z.output<typeof DeliveryJob>, ctx: JobContext) => {
    const delivery = await pending(deps, deliveryId);
    if (!delivery) return { skipped: "not pending" };
    const hook = delivery.webhook_id ? await store.findWebhook(deps.db, delivery.webhook_id) : undefined;
    if (!hook?.active) {
      await ctx.commit((trx) => store.recordAttempt(trx, delivery.id, { status: "cancelled" }));
      return { skipped: "webhook deleted" };
    }
    const { body: _text, ...event } = delivery.event;
    const payload: WebhookPayload = event;
    const body = JSON.stringify(payload);
    await attempt(deps, ctx, delivery, async () => {
      const secret = deps.vault.open(hook.secret_envelope, hook.id).toString("utf8");
      const timestamp = Math.floor(Date.now() / 1000);
      const response = await fetch(hook.url, {
        method: "POST",
        redirect: "manual",
        signal: AbortSignal.any([ctx.signal, AbortSignal.timeout(deps.timeoutMs ?? WEBHOOK_TIMEOUT_MS)]),
        headers: {
          "content-type": "application/json",
          "user-agent": "aicc-webhooks/1",
          [EVENT_HEADER]: payload.kind,
          [DELIVERY_HEADER]: delivery.id,
          [TIMESTAMP_HEADER]: String(timestamp),
          [SIGNATURE_HEADER]: signWebhook(secret, timestamp, body),
        },
        body,
      });
      // The receiver's body is never read: only its status counts.
      await response.body?.cancel();
      if (response.status < 200 || response.status > 299)
        throw new DeliveryFailed(`the receiver answered HTTP ${response.status}`, response.status);
      return response.status;
    });
  };
}

/** Plain text only: the notice's body (user-written text stays text) and the absolute link. */
export function emailText(event: DeliveryEvent): string {
  return `${[event.body, ...(event.link ? ["", event.link] : []), "", "-- ", "Sent by aicc."].join("\n")}\n`;
}

/** Sends the notice to the recipient's address over SMTP. */
export function emailHandler(deps: DeliveryDeps) {
  const transport = deps.smtp ? nodemailer.createTransport(deps.smtp.url) : undefined;
  return async ({ deliveryId }: z.output<typeof DeliveryJob>, ctx: JobContext) => {
    const delivery = await pending(deps, deliveryId);
    if (!delivery) return { skipped: "not pending" };
    const to = delivery.user_id ? await store.activeEmail(deps.db, delivery.user_id) : undefined;
    if (!to) {
      await ctx.commit((trx) => store.recordAttempt(trx, delivery.id, { status: "cancelled" }));
      return { skipped: "recipient disabled" };
    }
    const { event } = delivery;
    await attempt(deps, ctx, delivery, async () => {
      if (!transport || !deps.smtp) throw new Error("e-mail is not configured (AICC_SMTP_URL)");
      const info = await transport.sendMail({
        from: deps.smtp.from,
        to,
        subject: event.title,
        text: emailText(event),
        headers: { [EVENT_HEADER]: event.kind, [DELIVERY_HEADER]: delivery.id },
      });
      return Number.parseInt(String(info.response), 10) || null;
    });
  };
}

/** Registers both delivery queues; tests pass a faster retry policy. */
export function registerNotificationJobs(
  worker: Worker,
  ctx: AppContext,
  options: { retry?: Partial<RetryPolicy>; timeoutMs?: number } = {},
): void {
  const deps: DeliveryDeps = {
    db: ctx.db,
    vault: ctx.vault,
    smtp: ctx.config.smtpUrl ? { url: ctx.config.smtpUrl, from: ctx.config.smtpFrom ?? "" } : undefined,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  };
  const retry = (def: typeof webhookDeliveryQueue) =>
    options.retry ? { ...def, retry: { ...def.retry, ...options.retry } } : def;
  worker.handle(retry(webhookDeliveryQueue), webhookHandler(deps));
  worker.handle(retry(emailDeliveryQueue), emailHandler(deps));
}
