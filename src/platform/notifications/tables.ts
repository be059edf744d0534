import type { ColumnType } from "kysely";
import type { Json } from "../db/schema.ts";
import type { DeliveryEvent } from "./model.ts";

/** Kysely types of the notification tables (migrations/0007_platform_notifications.sql). Only store.ts uses them. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface NotificationsTable {
  id: string;
  user_id: string;
  event_id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  data: Json<Record<string, string>>;
  created_at: Timestamp;
  read_at: NullableTimestamp;
}

export interface WebhooksTable {
  id: string;
  org_id: string;
  url: string;
  events: ColumnType<string[], string[] | undefined, string[]>;
  secret_envelope: Json;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  created_by: string;
  created_at: Timestamp;
  deleted_at: NullableTimestamp;
}

export type DeliveryStatus = "pending" | "retrying" | "delivered" | "dead" | "cancelled";

export interface NotificationDeliveriesTable {
  id: string;
  event_id: string;
  channel: "webhook" | "email";
  webhook_id: string | null;
  user_id: string | null;
  event: Json<DeliveryEvent>;
  status: ColumnType<DeliveryStatus, DeliveryStatus | undefined, DeliveryStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  response_code: number | null;
  last_error: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  delivered_at: NullableTimestamp;
}

/** The notification tables, joined into the one `Database` type in platform/db/schema.ts. */
export interface NotificationTables {
  notifications: NotificationsTable;
  webhooks: WebhooksTable;
  notification_deliveries: NotificationDeliveriesTable;
}
