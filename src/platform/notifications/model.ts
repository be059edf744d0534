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
