import { type Insertable, type Selectable, sql } from "kysely";
import type { Db, Tx } from "../db/database.ts";
import type { Delivery, Notification, Webhook } from "./model.ts";
import type { DeliveryStatus, NotificationDeliveriesTable, NotificationsTable, WebhooksTable } from "./tables.ts";

/** SQL for notices, webhooks and deliveries. Only this file touches those tables. */

type Conn = Db | Tx;
export type NotificationRow = Selectable<NotificationsTable>;
export type WebhookRow = Selectable<WebhooksTable>;
export type DeliveryRow = Selectable<NotificationDeliveriesTable>;

const iso = (d: Date) => d.toISOString();

export function toNotification(row: NotificationRow): Notification {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    link: row.link,
    data: row.data,
    createdAt: iso(row.created_at),
    readAt: row.read_at ? iso(row.read_at) : null,
  };
}

export function toWebhook(row: WebhookRow): Webhook {
  return {
    id: row.id,
    orgId: row.org_id,
    url: row.url,
    events: row.events,
    active: row.active,
    createdBy: row.created_by,
    createdAt: iso(row.created_at),
  };
}

export function toDelivery(row: DeliveryRow): Delivery {
  return {
    id: row.id,
    eventId: row.event_id,
    kind: row.event.kind,
    channel: row.channel,
    status: row.status,
    attempts: row.attempts,
    responseCode: row.response_code,
    lastError: row.last_error,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    deliveredAt: row.delivered_at ? iso(row.delivered_at) : null,
  };
}

// ---- recipients and writes of a notify call ----------------------------------------------------

/** Active users named directly or as members of the organisations, each once. */
export function activeRecipients(
  trx: Tx,
  userIds: readonly string[],
  orgIds: readonly string[],
): Promise<{ id: string; org_id: string }[]> {
  if (userIds.length === 0 && orgIds.length === 0) return Promise.resolve([]);
  return trx
    .selectFrom("users")
    .select(["id", "org_id"])
    .where("disabled_at", "is", null)
    .where((eb) => {
      const any = [];
      if (userIds.length > 0) any.push(eb("id", "in", [...userIds]));
      if (orgIds.length > 0) any.push(eb("org_id", "in", [...orgIds]));
      return eb.or(any);
    })
    .orderBy("id")
    .execute();
}

export async function insertNotifications(trx: Tx, rows: Insertable<NotificationsTable>[]): Promise<void> {
  if (rows.length > 0) await trx.insertInto("notifications").values(rows).execute();
}

/** The active webhooks of these organisations (event filters are applied by the caller). */
export function activeWebhooks(trx: Tx, orgIds: readonly string[]): Promise<WebhookRow[]> {
  if (orgIds.length === 0) return Promise.resolve([]);
  return trx
    .selectFrom("webhooks")
    .selectAll()
    .where("org_id", "in", [...orgIds])
    .where("active", "=", true)
    .orderBy("id")
    .execute();
}

export async function insertDeliveries(trx: Tx, rows: Insertable<NotificationDeliveriesTable>[]): Promise<void> {
  if (rows.length > 0) await trx.insertInto("notification_deliveries").values(rows).execute();
}

// ---- in-app notices ---------------------------------------------------------------------------

/** A keyset page of one user's notices, newest first (`limit + 1` rows: the caller pages). */
export function listNotifications(
  db: Conn,
  userId: string,
  query: { unread: boolean; cursor?: string | undefined; limit: number },
): Promise<NotificationRow[]> {
  let q = db
    .selectFrom("notifications")
    .selectAll()
    .where("user_id", "=", userId)
    .orderBy("id", "desc")
    .limit(query.limit + 1);
  if (query.unread) q = q.where("read_at", "is", null);
  if (query.cursor) q = q.where("id", "<", query.cursor);
  return q.execute();
}

export async function countUnread(db: Conn, userId: string): Promise<number> {
  const row = await db
    .selectFrom("notifications")
    .select(sql<number>`count(*)`.as("n"))
    .where("user_id", "=", userId)
    .where("read_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function findNotification(db: Conn, id: string): Promise<NotificationRow | undefined> {
  return db.selectFrom("notifications").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Marks one notice read (keeping the first read time). */
export function markRead(db: Conn, id: string): Promise<NotificationRow> {
  return db
    .updateTable("notifications")
    .set({ read_at: sql<Date>`coalesce(read_at, now())` })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Marks every unread notice of a user read; returns how many. */
export async function markAllRead(db: Conn, userId: string): Promise<number> {
  const result = await db
    .updateTable("notifications")
    .set({ read_at: sql<Date>`now()` })
    .where("user_id", "=", userId)
    .where("read_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

// ---- webhooks ---------------------------------------------------------------------------------

export function insertWebhook(trx: Tx, row: Insertable<WebhooksTable>): Promise<WebhookRow> {
  return trx.insertInto("webhooks").values(row).returningAll().executeTakeFirstOrThrow();
}

export function findWebhook(db: Conn, id: string): Promise<WebhookRow | undefined> {
  return db.selectFrom("webhooks").selectAll().where("id", "=", id).executeTakeFirst();
}

/** An organisation's active webhooks, oldest first. */
export function listWebhooks(db: Conn, orgId: string): Promise<WebhookRow[]> {
  return db
    .selectFrom("webhooks")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("active", "=", true)
    .orderBy("id")
    .execute();
}

/** Deletion keeps the row (its deliveries stay readable) and stops every pending delivery. */
export async function deactivateWebhook(trx: Tx, id: string): Promise<void> {
  await trx.updateTable("webhooks").set({ active: false, deleted_at: sql<Date>`now()` }).where("id", "=", id).execute();
  await trx
    .updateTable("notification_deliveries")
    .set({ status: "cancelled", updated_at: sql<Date>`now()` })
    .where("webhook_id", "=", id)
    .where("status", "in", ["pending", "retrying"])
    .execute();
}

// ---- deliveries -------------------------------------------------------------------------------

/** A keyset page of one webhook's deliveries, newest first (`limit + 1` rows). */
export function listDeliveries(
  db: Conn,
  webhookId: string,
  page: { cursor?: string | undefined; limit: number },
): Promise<DeliveryRow[]> {
  let q = db
    .selectFrom("notification_deliveries")
    .selectAll()
    .where("webhook_id", "=", webhookId)
    .orderBy("id", "desc")
    .limit(page.limit + 1);
  if (page.cursor) q = q.where("id", "<", page.cursor);
  return q.execute();
}

export function findDelivery(db: Conn, id: string): Promise<DeliveryRow | undefined> {
  return db.selectFrom("notification_deliveries").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The e-mail address of an active user, or undefined once the user is disabled or gone. */
export async function activeEmail(db: Conn, userId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom("users")
    .select("email")
    .where("id", "=", userId)
    .where("disabled_at", "is", null)
    .executeTakeFirst();
  return row?.email;
}

/** The outcome of one attempt. */
export interface AttemptRecord {
  status: DeliveryStatus;
  attempts?: number;
  responseCode?: number | null;
  lastError?: string | null;
}

export async function recordAttempt(db: Conn, id: string, attempt: AttemptRecord): Promise<void> {
  await db
    .updateTable("notification_deliveries")
    .set({
      status: attempt.status,
      ...(attempt.attempts !== undefined ? { attempts: attempt.attempts } : {}),
      ...(attempt.responseCode !== undefined ? { response_code: attempt.responseCode } : {}),
      ...(attempt.lastError !== undefined ? { last_error: attempt.lastError } : {}),
      ...(attempt.status === "delivered" ? { delivered_at: sql<Date>`now()` } : {}),
      updated_at: sql<Date>`now()`,
    })
    .where("id", "=", id)
    .execute();
}
