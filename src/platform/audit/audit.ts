import { sql } from "kysely";
import { canonicalJson, digestOf, sha256Hex } from "../crypto/canonical-json.ts";
import type { Db, Tx } from "../db/database.ts";
import { newId } from "../ids/ids.ts";

/**
 * Append-only, hash-chained audit log. Every state change appends one entry in the same transaction
 * as the change; entry N carries the hash of entry N-1, and `audit_head` names the newest entry, so an
 * edited, deleted or reordered row (also the last one) is detected by `verifyAuditChain`.
 */
export interface AuditActor {
  userId: string | null;
  orgId: string | null;
}

export interface AuditEvent {
  action: string;
  subjectType: string;
  subjectId: string;
  /** The record before and after the change; only their digests are stored. */
  before?: unknown;
  after?: unknown;
  details?: Record<string, unknown>;
}

export const SYSTEM_ACTOR: AuditActor = { userId: null, orgId: null };
const GENESIS = "0".repeat(64);
const APPEND_LOCK = 7_212_003;

interface ChainedFields {
  seq: number;
  id: string;
  at: string;
  actor_id: string | null;
  actor_org_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string;
  before_digest: string | null;
  after_digest: string | null;
  details: Record<string, unknown>;
  prev_hash: string;
}

function entryHash(fields: ChainedFields): string {
  return sha256Hex(canonicalJson(fields));
}

/** Appends one entry. Takes `Tx`: an audit entry only exists together with the change it records. */
export async function appendAudit(
  trx: Tx,
  actor: AuditActor,
  event: AuditEvent,
): Promise<{ seq: number; hash: string }> {
  // Serialise appenders (also across processes) so the chain stays linear.
  await sql`select pg_advisory_xact_lock(${APPEND_LOCK})`.execute(trx);
  const head = await trx.selectFrom("audit_head").select(["seq", "hash"]).executeTakeFirst();
  const fields: ChainedFields = {
    seq: (head?.seq ?? 0) + 1,
    id: newId("aud"),
    at: new Date().toISOString(),
    actor_id: actor.userId,
    actor_org_id: actor.orgId,
    action: event.action,
    subject_type: event.subjectType,
    subject_id: event.subjectId,
    before_digest: event.before === undefined ? null : digestOf(event.before),
    after_digest: event.after === undefined ? null : digestOf(event.after),
    details: event.details ?? {},
    prev_hash: head?.hash ?? GENESIS,
  };
  const hash = entryHash(fields);
  await trx
    .insertInto("audit_log")
    .values({ ...fields, details: JSON.stringify(fields.details), hash })
    .execute();
  if (head) await trx.updateTable("audit_head").set({ seq: fields.seq, hash }).execute();
  else await trx.insertInto("audit_head").values({ seq: fields.seq, hash }).execute();
  return { seq: fields.seq, hash };
}

export type AuditVerification =
  | { ok: true; entries: number; headHash: string }
  | { ok: false; entries: number; firstBadSeq: number; reason: string };

/** Walks the chain in order (in pages, so a long log does not sit in memory). */
export async function verifyAuditChain(db: Db, pageSize = 2000): Promise<AuditVerification> {
  let expectedSeq = 1;
  let prevHash = GENESIS;
  for (;;) {
    const rows = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("seq", ">=", expectedSeq)
      .orderBy("seq")
      .limit(pageSize)
      .execute();
    for (const row of rows) {
      const bad = (reason: string): AuditVerification => ({
        ok: false,
        entries: expectedSeq - 1,
        firstBadSeq: expectedSeq,
        reason,
      });
      if (row.seq !== expectedSeq) return bad(`entry ${expectedSeq} is missing (next entry is ${row.seq})`);
      if (row.prev_hash !== prevHash) return bad(`entry ${row.seq} does not link to entry ${row.seq - 1}`);
      const { hash, ...fields } = row;
      const recomputed = entryHash({ ...fields, at: row.at.toISOString() } as ChainedFields);
      if (recomputed !== hash)
        return bad(`entry ${row.seq} (${row.id}) was altered: its content does not match its hash`);
      prevHash = hash;
      expectedSeq += 1;
    }
    if (rows.length < pageSize) break;
  }
  const entries = expectedSeq - 1;
  const head = await db.selectFrom("audit_head").select(["seq", "hash"]).executeTakeFirst();
  if (!head && entries === 0) return { ok: true, entries, headHash: GENESIS };
  if (!head || head.seq !== entries || head.hash !== prevHash) {
    return {
      ok: false,
      entries,
      firstBadSeq: Math.min(entries + 1, head?.seq ?? entries + 1),
      reason: `the newest entry should be ${head?.seq ?? "?"}, but the chain ends at ${entries}: entries were deleted`,
    };
  }
  return { ok: true, entries, headHash: prevHash };
}

/** Entries about one subject, newest first (policy decides who may call this). */
export function auditTrail(db: Db, subjectType: string, subjectId: string) {
  return db
    .selectFrom("audit_log")
    .selectAll()
    .where("subject_type", "=", subjectType)
    .where("subject_id", "=", subjectId)
    .orderBy("seq", "desc")
    .execute();
}
