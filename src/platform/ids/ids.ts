import { randomBytes } from "node:crypto";

/**
 * Prefixed, time-sortable identifiers (`case_01JD…`): 48 bits of milliseconds and 80 random bits in
 * Crockford base32, like a ULID, behind a type prefix so an id says what it names.
 */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

export type Id<P extends string> = `${P}_${string}` & { readonly __brand: P };

let lastTime = 0;
let lastRandom: Buffer = Buffer.alloc(10);

export function newId<P extends string>(prefix: P, now = Date.now()): Id<P> {
  let random: Buffer;
  if (now === lastTime) {
    // Same millisecond: increment the random part so ids stay strictly increasing within a process.
    random = Buffer.from(lastRandom);
    for (let i = random.length - 1; i >= 0; i--) {
      random[i] = (random[i]! + 1) & 0xff;
      if (random[i] !== 0) break;
    }
  } else {
    random = randomBytes(10);
  }
  lastTime = now;
  lastRandom = random;
  let time = "";
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  let bits = 0n;
  for (const byte of random) bits = (bits << 8n) | BigInt(byte);
  let rand = "";
  for (let i = 0; i < 16; i++) {
    rand = ALPHABET[Number(bits & 31n)] + rand;
    bits >>= 5n;
  }
  return `${prefix}_${time}${rand}` as Id<P>;
}

const ID_PATTERN = /^[a-z][a-z0-9]*_[0-9A-HJKMNP-TV-Z]{26}$/;

export function isId<P extends string>(value: string, prefix: P): value is Id<P> {
  return value.startsWith(`${prefix}_`) && ID_PATTERN.test(value);
}
