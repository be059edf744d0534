import type { OrgKind, Principal } from "../identity/model.ts";
import { ALLOW, allowIf, type Decision, deny } from "./decision.ts";
import { hasAnyRole, isAdmin, tokenAllows } from "./platform.ts";

/**
 * Notification questions: who reads which in-app notices, who manages an organisation's webhooks.
 * Pure functions of (principal, resource); the matrix is in docs/POLICY.md.
 */

/** What the notice rules look at. */
export interface NotificationAccessFacts {
  userId: string;
}

/** A notice is its recipient's alone; others get 404 (callers do not confirm its existence). */
export function canReadNotification(p: Principal, notice: NotificationAccessFacts): Decision {
  const scoped = tokenAllows(p, "read");
  if (!scoped.allow) return scoped;
  return allowIf(p.userId === notice.userId, "notifications are read only by their recipient");
}

/** Listing one's own notices (a token needs `read`). */
export function canListNotifications(p: Principal): Decision {
  return tokenAllows(p, "read");
}

/** Marking one's own notices read (a token needs `write`). */
export function canMarkNotificationRead(p: Principal, notice: NotificationAccessFacts): Decision {
  const scoped = tokenAllows(p, "write");
  if (!scoped.allow) return scoped;
  return canReadNotification(p, notice);
}

/**
 * The role that administers an organisation of each kind. Only government organisations have an
 * `admin` role; elsewhere the organisation's lead role stands for its administrator.
 */
export const ORG_ADMIN_ROLES: Record<OrgKind, readonly string[]> = {
  government: ["admin"],
  ai_developer: ["liaison"],
  vendor: ["psirt"],
  operator: ["security"],
  researcher: ["reporter"],
};

/** What the webhook rules look at. */
export interface WebhookAccessFacts {
  orgId: string;
}

/**
 * Creating, listing, deleting an organisation's webhooks and reading their deliveries: platform
 * administrators for any organisation, an organisation's administrator for its own. Webhooks send
 * data off the platform, so an API token needs the `admin` scope.
 */
export function canManageWebhooks(p: Principal, webhook: WebhookAccessFacts): Decision {
  const scoped = tokenAllows(p, "admin");
  if (!scoped.allow) return scoped;
  if (isAdmin(p)) return ALLOW;
  if (p.org.id !== webhook.orgId) return deny("webhooks are managed by their organisation's administrators");
  return allowIf(
    hasAnyRole(p, ORG_ADMIN_ROLES[p.org.kind]),
    `only ${ORG_ADMIN_ROLES[p.org.kind].join(" or ")} users manage this organisation's webhooks`,
  );
}
