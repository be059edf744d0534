import { z } from "zod";
import type { Tx } from "../db/database.ts";

/**
 * What a module hands the notifier: one event, its recipients, and a link into the app. The notifier
 * writes the in-app notices and queues webhook and email deliveries in the caller's transaction, so a
 * use case that rolls back notifies nobody.
 */
export interface NotificationInput {
  /** A stable event name, e.g. `case.participant_added`, `case.embargo_changed`, `case.published`. */
  kind: string;
  /** One line, plain text (never HTML): shown in the app, used as the e-mail subject. */
  title: string;
  /** Plain text; may quote user-written text, which every channel treats as text. */
  body: string;
  /** An in-app path such as `/clearinghouse/cases/case_01…`, or null. */
  link: string | null;
  /** Who is told: these users and every member of these organisations (deduplicated). */
  recipients: { userIds?: readonly string[]; orgIds?: readonly string[] };
  /** Ids of the subject, for webhooks (e.g. `{ caseId }`); never secret material. */
  data?: Record<string, string>;
}

export interface Notifier {
  notify(trx: Tx, input: NotificationInput): Promise<void>;
}

// ---- API shapes ---------------------------------------------------------------------------------

/** One in-app notice as the API returns it. */
export const NotificationSchema = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  data: z.record(z.string(), z.string()),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof NotificationSchema>;

export const NotificationListQuery = z.object({
  /** `1`/`true`: unread notices only. */
  unread: z
    .enum(["0", "1", "true", "false"])
    .optional()
    .transform((v) => v === "1" || v === "true"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(60).optional(),
});
export type NotificationListQuery = z.output<typeof NotificationListQuery>;

/** An event filter entry: `*`, an exact kind (`case.published`) or a prefix (`case.*`). */
const EVENT_FILTER = /^(\*|[a-z][a-z0-9_]*(\.[a-z0-9_]+)*(\.\*)?)$/;

/** Whether a webhook with these event filters wants `kind`; no filters means every event. */
export function eventMatches(filters: readonly string[], kind: string): boolean {
  if (filters.length === 0) return true;
  return filters.some((f) => f === "*" || f === kind || (f.endsWith(".*") && kind.startsWith(f.slice(0, -1))));
}

/** Webhook URLs: absolute http(s), no credentials in them (they would be stored and shown in clear). */
export const WebhookUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((value) => {
    if (!URL.canParse(value)) return false;
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && url.username === "" && url.password === "";
  }, "must be an http:// or https:// URL without credentials");

export const WebhookInput = z.object({
  url: WebhookUrl,
  /** Event kinds or prefixes (`case.*`); empty or absent: every event. */
  events: z
    .array(z.string().regex(EVENT_FILTER, "must be *, an event kind or a prefix like case.*"))
    .max(50)
    .default([]),
  /** Whose webhook; default the caller's organisation (another organisation's: platform admins). */
  orgId: z.string().max(40).optional(),
});
export type WebhookInput = z.output<typeof WebhookInput>;

export const WebhookSchema = z.object({
  id: z.string(),
  orgId: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  active: z.boolean(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type Webhook = z.infer<typeof WebhookSchema>;

export const DeliverySchema = z.object({
  id: z.string(),
  eventId: z.string(),
  kind: z.string(),
  channel: z.enum(["webhook", "email"]),
  status: z.enum(["pending", "retrying", "delivered", "dead", "cancelled"]),
  attempts: z.number().int(),
  responseCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  deliveredAt: z.string().nullable(),
});
export type Delivery = z.infer<typeof DeliverySchema>;

/** What a webhook receives as its JSON body (never the notice's free text). */
export interface WebhookPayload {
  id: string;
  kind: string;
  title: string;
  /** Absolute URL into the app, or null. */
  link: string | null;
  data: Record<string, string>;
  createdAt: string;
}

/** The event as every delivery of it is stored: the webhook body plus the text e-mails carry. */
export type DeliveryEvent = WebhookPayload & { body: string };
