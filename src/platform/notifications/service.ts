import { z } from "zod";
import { appendAudit } from "../audit/audit.ts";
import type { Vault } from "../crypto/vault.ts";
import type { Db, Tx } from "../db/database.ts";
import { type Page, type PageQuery, toPage } from "../db/pagination.ts";
import { invalid, notFound } from "../errors/errors.ts";
import type { Principal } from "../identity/model.ts";
import { actorOf, authorize } from "../identity/service.ts";
import { newId } from "../ids/ids.ts";
import {
  canListNotifications,
  canManageWebhooks,
  canMarkNotificationRead,
  canReadNotification,
} from "../policy/index.ts";
import { enqueue } from "../queue/index.ts";
import { emailDeliveryQueue, webhookDeliveryQueue } from "./delivery.ts";
import {
  type Delivery,
  type DeliveryEvent,
  eventMatches,
  type Notification,
  type NotificationInput,
  type NotificationListQuery,
  type Notifier,
  type Webhook,
  type WebhookInput,
} from "./model.ts";
import { newWebhookSecret } from "./signature.ts";
import * as store from "./store.ts";

/** What callers hand `notify`, checked: a bad call is a programming error and fails its transaction. */
const NotificationInputSchema = z.object({
  kind: z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/, "must be a dotted lower-case event name"),
  title: z
    .string()
    .min(1)
    .max(300)
    .regex(/^[^\r\n]*$/, "must be one line"),
  body: z.string().max(20_000),
  link: z
    .string()
    .regex(/^\/(?!\/)/, "must be an in-app path starting with one /")
    .max(500)
    .nullable(),
  recipients: z.object({
    userIds: z.array(z.string()).max(10_000).optional(),
    orgIds: z.array(z.string()).max(10_000).optional(),
  }),
  data: z.record(z.string(), z.string()).optional(),
});

export interface NotificationServiceOptions {
  /** Base of the absolute links webhooks and e-mails carry (config.publicUrl or http://host:port). */
  publicUrl: string;
  /** Recipients also get e-mail when SMTP is configured. */
  email: boolean;
  /** Attempts per delivery before it is dead-lettered (default: the queue's). */
  maxAttempts?: number;
}

/**
 * In-app notices, organisations' webhooks and e-mail. `notify` runs inside its caller's transaction:
 * notices, delivery rows and the queue jobs that send them commit with the caller's change or not at
 * all. Users read and mark only their own notices; organisations' administrators manage webhooks.
 */
export class NotificationService implements Notifier {
  constructor(
    private readonly db: Db,
    private readonly vault: Vault,
    private readonly options: NotificationServiceOptions,
  ) {}

  async notify(trx: Tx, input: NotificationInput): Promise<void> {
    const parsed = NotificationInputSchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw invalid(["notification", ...issue.path.map(String)].join("."), issue.message);
    }
    const n = parsed.data;
    const userIds = [...new Set(n.recipients.userIds ?? [])];
    const orgIds = [...new Set(n.recipients.orgIds ?? [])];
    const users = await store.activeRecipients(trx, userIds, orgIds);
    const eventId = newId("evt");
    const createdAt = new Date();
    const data = n.data ?? {};
    await store.insertNotifications(
      trx,
      users.map((u) => ({
        id: newId("ntf"),
        user_id: u.id,
        event_id: eventId,
        kind: n.kind,
        title: n.title,
        body: n.body,
        link: n.link,
        data: JSON.stringify(data),
        created_at: createdAt,
      })),
    );
    const event: DeliveryEvent = {
      id: eventId,
      kind: n.kind,
      title: n.title,
      link: n.link === null ? null : `${this.options.publicUrl.replace(/\/+$/, "")}${n.link}`,
      data,
      createdAt: createdAt.toISOString(),
      body: n.body,
    };
    // Every organisation with a recipient hears of it through its webhooks.
    const hookOrgs = [...new Set([...orgIds, ...users.map((u) => u.org_id)])];
    const hooks = (await store.activeWebhooks(trx, hookOrgs)).filter((h) => eventMatches(h.events, n.kind));
    const deliveries = [
      ...hooks.map((h) => ({ channel: "webhook" as const, webhook_id: h.id, user_id: null })),
      ...(this.options.email ? users.map((u) => ({ channel: "email" as const, webhook_id: null, user_id: u.id })) : []),
    ].map((d) => ({ ...d, id: newId("dlv"), event_id: eventId, event: JSON.stringify(event) }));
    await store.insertDeliveries(trx, deliveries);
    const jobOptions = this.options.maxAttempts === undefined ? {} : { maxAttempts: this.options.maxAttempts };
    for (const d of deliveries) {
      const queue = d.channel === "webhook" ? webhookDeliveryQueue : emailDeliveryQueue;
      await enqueue(trx, queue, { deliveryId: d.id }, { ...jobOptions, idempotencyKey: d.id });
    }
  }

  // ---- in-app notices -------------------------------------------------------------------------

  /** The caller's own notices, newest first, with the unread count (for the bell). */
  async list(actor: Principal, query: NotificationListQuery): Promise<Page<Notification> & { unread: number }> {
    authorize(canListNotifications(actor));
    const rows = await store.listNotifications(this.db, actor.userId, query);
    const page = toPage(rows, query.limit, (r) => r.id);
    return {
      items: page.items.map(store.toNotification),
      nextCursor: page.nextCursor,
      unread: await store.countUnread(this.db, actor.userId),
    };
  }

  /** Marks one of the caller's notices read; another user's notice is "not found". */
  async markRead(actor: Principal, id: string): Promise<Notification> {
    const row = await store.findNotification(this.db, id);
    if (!row || !canReadNotification(actor, { userId: row.user_id }).allow) throw notFound(`notification ${id}`);
    authorize(canMarkNotificationRead(actor, { userId: row.user_id }));
    return store.toNotification(await store.markRead(this.db, id));
  }

  async markAllRead(actor: Principal): Promise<{ marked: number }> {
    authorize(canMarkNotificationRead(actor, { userId: actor.userId }));
    return { marked: await store.markAllRead(this.db, actor.userId) };
  }

  // ---- webhooks -------------------------------------------------------------------------------

  /** Registers a webhook; the signing secret is returned this once and stored sealed by the Vault. */
  async createWebhook(actor: Principal, input: WebhookInput): Promise<Webhook & { secret: string }> {
    const orgId = input.orgId ?? actor.org.id;
    authorize(canManageWebhooks(actor, { orgId }));
    const secret = newWebhookSecret();
    const id = newId("whk");
    return this.db.transaction().execute(async (trx) => {
      const org = await trx.selectFrom("orgs").select("id").where("id", "=", orgId).executeTakeFirst();
      if (!org) throw invalid("orgId", `no organisation ${orgId}`);
      const row = await store.insertWebhook(trx, {
        id,
        org_id: orgId,
        url: input.url,
        events: [...new Set(input.events)],
        secret_envelope: JSON.stringify(this.vault.seal(secret, id)),
        created_by: actor.userId,
      });
      const webhook = store.toWebhook(row);
      await appendAudit(trx, actorOf(actor), {
        action: "webhook.create",
        subjectType: "webhook",
        subjectId: id,
        after: webhook,
        details: { orgId, url: input.url, events: webhook.events },
      });
      return { ...webhook, secret };
    });
  }

  /** An organisation's active webhooks (default the caller's own). */
  async listWebhooks(actor: Principal, orgId: string = actor.org.id): Promise<Webhook[]> {
    authorize(canManageWebhooks(actor, { orgId }));
    return (await store.listWebhooks(this.db, orgId)).map(store.toWebhook);
  }

  /** A webhook the caller may manage; others' (and deleted ones, for deletion) are "not found". */
  private async manageable(actor: Principal, id: string): Promise<store.WebhookRow> {
    const row = await store.findWebhook(this.db, id);
    if (!row || !canManageWebhooks(actor, { orgId: row.org_id }).allow) {
      // A caller who manages no webhook at all learns that, not whether this id exists.
      authorize(canManageWebhooks(actor, { orgId: actor.org.id }));
      throw notFound(`webhook ${id}`);
    }
    return row;
  }

  /** Deletes a webhook: it gets no more deliveries and pending ones are cancelled; history stays. */
  async deleteWebhook(actor: Principal, id: string): Promise<void> {
    const row = await this.manageable(actor, id);
    if (!row.active) throw notFound(`webhook ${id}`);
    await this.db.transaction().execute(async (trx) => {
      await store.deactivateWebhook(trx, id);
      await appendAudit(trx, actorOf(actor), {
        action: "webhook.delete",
        subjectType: "webhook",
        subjectId: id,
        before: store.toWebhook(row),
        details: { orgId: row.org_id, url: row.url },
      });
    });
  }

  /** A webhook's deliveries with their attempts, newest first. */
  async deliveries(actor: Principal, webhookId: string, query: PageQuery): Promise<Page<Delivery>> {
    await this.manageable(actor, webhookId);
    const rows = await store.listDeliveries(this.db, webhookId, query);
    const page = toPage(rows, query.limit, (r) => r.id);
    return { items: page.items.map(store.toDelivery), nextCursor: page.nextCursor };
  }
}
