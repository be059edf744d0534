import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { describeEachEngine } from "../db/testing.ts";
import { canonicalJson } from "./canonical-json.ts";
import { EnvelopeError, open, seal } from "./envelope.ts";
import { loadMasterKey, MasterKeyError, masterKeyFromBase64 } from "./master-key.ts";
import { generateSigningKey, signValue, verifyValue } from "./signing.ts";
import { Vault } from "./vault.ts";

const master = masterKeyFromBase64(randomBytes(32).toString("base64"));

test("sealed data opens with the same key and owner only", () => {
  const envelope = seal(master, "sk-live-123", "sec_1");
  assert.ok(!JSON.stringify(envelope).includes("sk-live-123"));
  assert.equal(open(master, envelope, "sec_1").toString(), "sk-live-123");
  assert.throws(() => open(master, envelope, "sec_2"), EnvelopeError);
  const other = masterKeyFromBase64(randomBytes(32).toString("base64"));
  assert.throws(() => open(other, envelope, "sec_1"), EnvelopeError);
  const tampered = { ...envelope, ciphertext: Buffer.from("x").toString("base64") };
  assert.throws(() => open(master, tampered, "sec_1"), EnvelopeError);
});

test("a key file is created once with mode 0600 and a bad AICC_MASTER_KEY is named", () => {
  const home = mkdtempSync(path.join(tmpdir(), "aicc-key-"));
  const first = loadMasterKey({ home });
  assert.equal(statSync(path.join(home, "master.key")).mode & 0o777, 0o600);
  assert.deepEqual(loadMasterKey({ home }).key, first.key);
  assert.throws(
    () => loadMasterKey({ home, masterKey: "c2hvcnQ=" }),
    (e: Error) => e instanceof MasterKeyError && /AICC_MASTER_KEY/.test(e.message),
  );
});

test("Ed25519 signatures verify offline over canonical JSON, whatever the key order", () => {
  const pair = generateSigningKey();
  const signature = signValue(pair.privateKeyDer, { b: 1, a: [1, 2] });
  assert.equal(verifyValue(pair.publicKeyPem, { a: [1, 2], b: 1 }, signature), true);
  assert.equal(verifyValue(pair.publicKeyPem, { a: [1, 2], b: 2 }, signature), false);
  assert.equal(canonicalJson({ b: 1, a: { d: null, c: "x" } }), '{"a":{"c":"x","d":null},"b":1}');
});

describeEachEngine("vault", (store) => {
  const vault = new Vault(master);
  test("secrets are stored encrypted and read back; signing keys are created once and sealed", async () => {
    const { db } = store();
    await db.transaction().execute((trx) => vault.putSecret(trx, null, "openai", "sk-secret-value"));
    const raw = await db.selectFrom("secrets").select("envelope").executeTakeFirstOrThrow();
    assert.ok(!JSON.stringify(raw.envelope).includes("sk-secret-value"));
    assert.equal(await vault.getSecret(db, null, "openai"), "sk-secret-value");
    const a = await db.transaction().execute((trx) => vault.sign(trx, "determination", { x: 1 }));
    const b = await db.transaction().execute((trx) => vault.sign(trx, "determination", { x: 2 }));
    assert.equal(a.keyId, b.keyId);
    assert.equal(verifyValue(a.publicKeyPem, { x: 1 }, a.signature), true);
    const key = await db.selectFrom("signing_keys").select("private_envelope").executeTakeFirstOrThrow();
    assert.ok(!JSON.stringify(key.private_envelope).includes("PRIVATE"));
  });
});
