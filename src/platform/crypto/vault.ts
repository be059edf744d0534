import type { Db, Tx } from "../db/database.ts";
import { newId } from "../ids/ids.ts";
import { type Envelope, EnvelopeSchema, open, seal } from "./envelope.ts";
import type { MasterKey } from "./master-key.ts";
import { generateSigningKey, signValue, verifyValue } from "./signing.ts";

/** A signature with what a verifier needs offline. */
export interface SignedValue {
  keyId: string;
  publicKeyPem: string;
  signature: string;
}

/**
 * Secrets (model API keys, sealed material) and signing keys, encrypted at rest with the master key.
 * Each secret's envelope is bound to its id, so a ciphertext copied onto another row does not open.
 */
export class Vault {
  constructor(private readonly master: MasterKey) {}

  async putSecret(trx: Tx, ownerOrgId: string | null, name: string, value: string): Promise<string> {
    const existing = await trx
      .selectFrom("secrets")
      .select("id")
      .where("name", "=", name)
      .where((eb) => (ownerOrgId === null ? eb("owner_org_id", "is", null) : eb("owner_org_id", "=", ownerOrgId)))
      .executeTakeFirst();
    const id = existing?.id ?? newId("sec");
    const envelope = JSON.stringify(seal(this.master, value, id));
    if (existing) {
      await trx.updateTable("secrets").set({ envelope, updated_at: new Date() }).where("id", "=", id).execute();
    } else {
      await trx.insertInto("secrets").values({ id, owner_org_id: ownerOrgId, name, envelope }).execute();
    }
    return id;
  }

  async getSecret(db: Db | Tx, ownerOrgId: string | null, name: string): Promise<string | undefined> {
    const row = await db
      .selectFrom("secrets")
      .select(["id", "envelope"])
      .where("name", "=", name)
      .where((eb) => (ownerOrgId === null ? eb("owner_org_id", "is", null) : eb("owner_org_id", "=", ownerOrgId)))
      .executeTakeFirst();
    return row ? open(this.master, EnvelopeSchema.parse(row.envelope), row.id).toString("utf8") : undefined;
  }

  /** Seals arbitrary bytes for another module's table (e.g. a sealed benchmark suite); `owner` binds it. */
  seal(plaintext: Uint8Array | string, owner: string): Envelope {
    return seal(this.master, plaintext, owner);
  }

  open(envelope: unknown, owner: string): Buffer {
    return open(this.master, EnvelopeSchema.parse(envelope), owner);
  }

  /** Signs with the active key for `purpose`, creating one the first time. */
  async sign(trx: Tx, purpose: string, value: unknown): Promise<SignedValue> {
    let key = await trx
      .selectFrom("signing_keys")
      .selectAll()
      .where("purpose", "=", purpose)
      .where("retired_at", "is", null)
      .orderBy("created_at", "desc")
      .executeTakeFirst();
    if (!key) {
      const pair = generateSigningKey();
      const id = newId("sk");
      const envelope = JSON.stringify(seal(this.master, pair.privateKeyDer, id));
      key = await trx
        .insertInto("signing_keys")
        .values({ id, purpose, public_key: pair.publicKeyPem, private_envelope: envelope })
        .returningAll()
        .executeTakeFirstOrThrow();
    }
    const privateKey = open(this.master, EnvelopeSchema.parse(key.private_envelope), key.id);
    return { keyId: key.id, publicKeyPem: key.public_key, signature: signValue(privateKey, value) };
  }

  /** Public keys for offline verification (published at /api/signing-keys). */
  async publicKeys(db: Db | Tx, purpose: string) {
    return db
      .selectFrom("signing_keys")
      .select(["id", "public_key", "created_at", "retired_at"])
      .where("purpose", "=", purpose)
      .orderBy("created_at")
      .execute();
  }
}

export { verifyValue };
