import { type Selectable, sql } from "kysely";
import type { Tx } from "../../platform/db/database.ts";
import type { Database } from "../../platform/db/schema.ts";
import type { KevEntry } from "./model.ts";
import type { Conn } from "./store.ts";

/** SQL of the KEV catalogue (`kev_entries`). */

export function toKevEntry(row: Selectable<Database["kev_entries"]>): KevEntry {
  return {
    cveId: row.cve_id,
    vendor: row.vendor,
    product: row.product,
    name: row.name,
    description: row.description,
    requiredAction: row.required_action,
    dateAdded: row.date_added,
    dueDate: row.due_date,
    knownRansomware: row.known_ransomware,
    notes: row.notes,
    cwes: row.cwes,
  };
}

export async function findKev(db: Conn, cveId: string): Promise<KevEntry | undefined> {
  const row = await db.selectFrom("kev_entries").selectAll().where("cve_id", "=", cveId).executeTakeFirst();
  return row === undefined ? undefined : toKevEntry(row);
}

export async function kevHashes(db: Conn): Promise<Map<string, string>> {
  const rows = await db.selectFrom("kev_entries").select(["cve_id", "content_hash"]).execute();
  return new Map(rows.map((r) => [r.cve_id, r.content_hash]));
}

/** Inserts or replaces KEV entries (one statement per 500). */
export async function upsertKev(trx: Tx, entries: readonly (KevEntry & { contentHash: string })[]): Promise<void> {
  for (let i = 0; i < entries.length; i += 500) {
    const values = entries.slice(i, i + 500).map((e) => ({
      cve_id: e.cveId,
      vendor: e.vendor,
      product: e.product,
      name: e.name,
      description: e.description,
      required_action: e.requiredAction,
      date_added: e.dateAdded,
      due_date: e.dueDate,
      known_ransomware: e.knownRansomware,
      notes: e.notes,
      cwes: e.cwes,
      content_hash: e.contentHash,
    }));
    await trx
      .insertInto("kev_entries")
      .values(values)
      .onConflict((oc) =>
        oc.column("cve_id").doUpdateSet((eb) => ({
          vendor: eb.ref("excluded.vendor"),
          product: eb.ref("excluded.product"),
          name: eb.ref("excluded.name"),
          description: eb.ref("excluded.description"),
          required_action: eb.ref("excluded.required_action"),
          date_added: eb.ref("excluded.date_added"),
          due_date: eb.ref("excluded.due_date"),
          known_ransomware: eb.ref("excluded.known_ransomware"),
          notes: eb.ref("excluded.notes"),
          cwes: eb.ref("excluded.cwes"),
          content_hash: eb.ref("excluded.content_hash"),
          updated_at: sql`now()`,
        })),
      )
      .execute();
  }
}
