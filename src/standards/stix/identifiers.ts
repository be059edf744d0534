/**
 * STIX 2.1 identifiers: `<type>--<UUID>`. Cyber-observable objects get deterministic UUIDv5 ids
 * from their ID contributing properties (STIX 2.1 §2.9: namespace
 * 00abedb4-aa42-466c-9c01-fed23315a9b7, name = the RFC 8785 canonical JSON of those properties);
 * domain and relationship objects get random UUIDv4 ids unless the caller supplies one.
 */
import { createHash, randomUUID } from "node:crypto";

/** The UUIDv5 namespace STIX 2.1 fixes for cyber-observable ids. */
export const STIX_SCO_NAMESPACE = "00abedb4-aa42-466c-9c01-fed23315a9b7";

/** `<type>--<uuid>` with an RFC 4122 UUID of version 1–5, as the STIX identifier schema requires. */
const IDENTIFIER =
  /^[a-z][a-z0-9-]+[a-z0-9]--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$/;

/** True for a well-formed STIX identifier, optionally of one object type. */
export function isStixId(text: unknown, type?: string): text is string {
  return typeof text === "string" && IDENTIFIER.test(text) && (type === undefined || text.startsWith(`${type}--`));
}

/**
 * RFC 8785 (JCS) canonical JSON: object members sorted by UTF-16 code units, no whitespace,
 * strings and numbers serialised as ECMAScript does (which is what JCS specifies).
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** RFC 4122 name-based UUID, version 5 (SHA-1). */
export function uuidV5(namespace: string, name: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ""), "hex");
  const bytes = createHash("sha1").update(ns).update(name, "utf8").digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Deterministic id of a cyber-observable from its ID contributing properties (absent ones left out). */
export function scoId(type: string, contributing: Readonly<Record<string, unknown>>): string {
  return `${type}--${uuidV5(STIX_SCO_NAMESPACE, canonicalJson(contributing))}`;
}

/** A fresh random (UUIDv4) id for a domain or relationship object. */
export function randomStixId(type: string): string {
  return `${type}--${randomUUID()}`;
}
