import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from "node:crypto";
import { canonicalJson } from "./canonical-json.ts";

/**
 * Ed25519 signatures over canonical JSON: determinations and exports are signed by the server and
 * verifiable offline with the public key alone.
 */
export interface SigningKeyPair {
  publicKeyPem: string;
  /** PKCS#8 DER; stored only sealed (envelope.ts). */
  privateKeyDer: Buffer;
}

export function generateSigningKey(): SigningKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  return {
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    privateKeyDer: privateKey.export({ type: "pkcs8", format: "der" }),
  };
}

export function signValue(privateKeyDer: Buffer, value: unknown): string {
  const key = createPrivateKey({ key: privateKeyDer, format: "der", type: "pkcs8" });
  return sign(null, Buffer.from(canonicalJson(value)), key).toString("base64");
}

export function verifyValue(publicKeyPem: string, value: unknown, signature: string): boolean {
  try {
    return verify(
      null,
      Buffer.from(canonicalJson(value)),
      createPublicKey(publicKeyPem),
      Buffer.from(signature, "base64"),
    );
  } catch {
    return false;
  }
}
