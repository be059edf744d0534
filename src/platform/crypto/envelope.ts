import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { z } from "zod";
import type { MasterKey } from "./master-key.ts";

/**
 * Envelope encryption: each object gets its own AES-256-GCM data key; the data key is itself sealed
 * with the master key. Rotating the master key rewraps data keys without touching the ciphertexts.
 * `aad` binds an envelope to its owner (e.g. the secret's id), so a sealed value cannot be moved.
 */
export const EnvelopeSchema = z.object({
  v: z.literal(1),
  kid: z.string(),
  wrappedKey: z.string(),
  wrapIv: z.string(),
  wrapTag: z.string(),
  iv: z.string(),
  tag: z.string(),
  ciphertext: z.string(),
});
export type Envelope = z.infer<typeof EnvelopeSchema>;

export class EnvelopeError extends Error {}

function gcmSeal(key: Buffer, plaintext: Buffer, aad: Buffer) {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, tag: cipher.getAuthTag(), ciphertext };
}

function gcmOpen(key: Buffer, iv: Buffer, tag: Buffer, ciphertext: Buffer, aad: Buffer): Buffer {
  const decipher = createDecipheriv("aes-256-gcm", key, iv);
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
}

export function seal(master: MasterKey, plaintext: Uint8Array | string, aad = ""): Envelope {
  const dataKey = randomBytes(32);
  const aadBytes = Buffer.from(aad, "utf8");
  const wrapped = gcmSeal(master.key, dataKey, Buffer.from(master.id, "utf8"));
  const body = gcmSeal(dataKey, Buffer.from(plaintext), aadBytes);
  dataKey.fill(0);
  return {
    v: 1,
    kid: master.id,
    wrappedKey: wrapped.ciphertext.toString("base64"),
    wrapIv: wrapped.iv.toString("base64"),
    wrapTag: wrapped.tag.toString("base64"),
    iv: body.iv.toString("base64"),
    tag: body.tag.toString("base64"),
    ciphertext: body.ciphertext.toString("base64"),
  };
}

export function open(master: MasterKey, envelope: Envelope, aad = ""): Buffer {
  if (envelope.kid !== master.id) throw new EnvelopeError(`sealed with master key ${envelope.kid}, not ${master.id}`);
  const b = (s: string) => Buffer.from(s, "base64");
  try {
    const dataKey = gcmOpen(
      master.key,
      b(envelope.wrapIv),
      b(envelope.wrapTag),
      b(envelope.wrappedKey),
      Buffer.from(master.id),
    );
    const plaintext = gcmOpen(
      dataKey,
      b(envelope.iv),
      b(envelope.tag),
      b(envelope.ciphertext),
      Buffer.from(aad, "utf8"),
    );
    dataKey.fill(0);
    return plaintext;
  } catch {
    throw new EnvelopeError("the envelope failed authentication (wrong key, wrong owner, or tampered)");
  }
}
