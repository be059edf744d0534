import { createHash, randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * The master key wraps every per-object data key. It comes from AICC_MASTER_KEY (base64, 32 bytes) or,
 * for the embedded mode, from `<home>/master.key`, created at first start with mode 0600.
 */
export interface MasterKey {
  /** Key id (from the key's SHA-256), so an envelope names the key that sealed it. */
  id: string;
  key: Buffer;
}

export class MasterKeyError extends Error {}

export function masterKeyFromBase64(text: string, source = "AICC_MASTER_KEY"): MasterKey {
  const key = Buffer.from(text.trim(), "base64");
  if (key.length !== 32) throw new MasterKeyError(`${source}: expected 32 bytes of base64, got ${key.length} bytes`);
  return { id: `mk_${createHash("sha256").update(key).digest("hex").slice(0, 16)}`, key };
}

export function loadMasterKey(options: { masterKey?: string | undefined; home: string }): MasterKey {
  if (options.masterKey) return masterKeyFromBase64(options.masterKey);
  const file = path.join(options.home, "master.key");
  if (!existsSync(file)) {
    mkdirSync(options.home, { recursive: true });
    writeFileSync(file, `${randomBytes(32).toString("base64")}\n`, { mode: 0o600, flag: "wx" });
  }
  if (statSync(file).mode & 0o077) chmodSync(file, 0o600); // never leave the key readable by others
  return masterKeyFromBase64(readFileSync(file, "utf8"), file);
}
