/**
 * The key order CSAF asks for (test 6.2.13 "Sorting": keys sorted alphabetically), shared by the emitter and the
 * test so emitted documents never warn. A fixed-locale collator keeps the order independent of the host.
 */

const collator = new Intl.Collator("en");

/** Compares two object keys in CSAF's alphabetical order. */
function compareKeys(a: string, b: string): number {
  return collator.compare(a, b);
}

/** True when the keys are in CSAF order. */
export function keysSorted(keys: readonly string[]): boolean {
  for (let i = 1; i < keys.length; i++) {
    if (compareKeys(keys[i - 1]!, keys[i]!) > 0) return false;
  }
  return true;
}

/** A copy of a JSON value with every object's keys in CSAF order (arrays keep their order). */
export function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value === null || typeof value !== "object") return value;
  // fromEntries defines own properties, so a "__proto__" key stays data instead of replacing the prototype.
  return Object.fromEntries(
    Object.entries(value)
      .sort(([a], [b]) => compareKeys(a, b))
      .map(([key, child]) => [key, sortKeysDeep(child)]),
  );
}
