import { z } from "zod";
import { PageQuery } from "../db/pagination.ts";
import { requirePrincipal } from "../http/auth.ts";
import type { AppRoutes } from "../http/types.ts";
import { DeliverySchema, NotificationListQuery, NotificationSchema, WebhookInput, WebhookSchema } from "./model.ts";

const IdParams = z.object({ id: z.string().max(40) });

/** /api/notifications (the caller's own notices) and /api/webhooks (organisations' administrators). */
export const notificationRoutes: AppRoutes = (app, ctx) => {
  app.get(
    "/api/notifications",
    {
      schema: {
        tags: ["notifications"],
        summary: "My notifications, newest first (?unread=1: unread only)",
        querystring: NotificationListQuery,
        response: {
          200: z.object({ items: z.array(NotificationSchema), nextCursor: z.string().nullable(), unread: z.number() }),
        },
      },
    },
    async (request) => ctx.notifications.list(requirePrincipal(request), request.query),
  );

  app.post(
    "/api/notifications/:id/read",
    {
      schema: {
        tags: ["notifications"],
        summary: "Mark one of my notifications read",
        params: IdParams,
        response: { 200: NotificationSchema },
      },
    },
    async (request) => ctx.notifications.markRead(requirePrincipal(request), request.params.id),
  );

  app.post(
    "/api/notifications/read-all",
    {
      schema: {
        tags: ["notifications"],
        summary: "Mark all my notifications read",
        response: { 200: z.object({ marked: z.number() }) },
      },
    },
    async (request) => ctx.notifications.markAllRead(requirePrincipal(request)),
  );

  app.get(
    "/api/webhooks",
    {
      schema: {
        tags: ["notifications"],
        summary: "An organisation's webhooks (default mine; another's: platform admins)",
        querystring: z.object({ orgId: z.string().max(40).optional() }),
        response: { 200: z.object({ items: z.array(WebhookSchema) }) },
      },
    },
    async (request) => ({
      items: await ctx.notifications.listWebhooks(requirePrincipal(request), request.query.orgId),
    }),
  );

  app.post(
    "/api/webhooks",
    {
      schema: {
        tags: ["notifications"],
        summary: "Register a webhook (the signing secret is shown once)",
        body: WebhookInput,
        response: { 201: WebhookSchema.extend({ secret: z.string() }) },
      },
    },
    async (request, reply) => {
      const webhook = await ctx.notifications.createWebhook(requirePrincipal(request), request.body);
      return reply.code(201).send(webhook);
    },
  );

  app.delete(
    "/api/webhooks/:id",
    {
      schema: {
        tags: ["notifications"],
        summary: "Delete a webhook (pending deliveries are cancelled)",
        params: IdParams,
      },
    },
    async (request, reply) => {
      await ctx.notifications.deleteWebhook(requirePrincipal(request), request.params.id);
      return reply.code(204).send();
    },
  );

  app.get(
    "/api/webhooks/:id/deliveries",
    {
      schema: {
        tags: ["notifications"],
        summary: "A webhook's deliveries with status, response code, attempts and last error",
        params: IdParams,
        querystring: PageQuery,
        response: { 200: z.object({ items: z.array(DeliverySchema), nextCursor: z.string().nullable() }) },
      },
    },
    async (request) => ctx.notifications.deliveries(requirePrincipal(request), request.params.id, request.query),
  );
};
