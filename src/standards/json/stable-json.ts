/**
 * Deterministic JSON text: the same value always gives the same bytes, so emitted documents diff
 * cleanly and round-trip canonically.
 */

/**
 * Serialise `value` with two-space indentation and a trailing newline. Object members named in
 * `keyOrder` come first, in that order (a standard's own field order reads best); every other
 * member follows in code-point order. `undefined` members are dropped, as `JSON.stringify` does.
 */
export function stringifyStable(value: unknown, keyOrder: readonly string[] = []): string {
  const rank = new Map(keyOrder.map((key, index) => [key, index]));
  const compare = (a: string, b: string): number => {
    const ra = rank.get(a);
    const rb = rank.get(b);
    if (ra !== undefined && rb !== undefined) return ra - rb;
    if (ra !== undefined) return -1;
    if (rb !== undefined) return 1;
    return a < b ? -1 : a > b ? 1 : 0;
  };
  return `${JSON.stringify(order(value, compare), null, 2)}\n`;
}

/**
 * Compact JSON with object members in code-point order: equal JSON values (in the sense of JSON
 * Schema's `uniqueItems`, member order ignored) give equal strings.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(order(value, (a, b) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Rebuild objects with their keys in `compare` order; JSON.stringify keeps insertion order. */
function order(value: unknown, compare: (a: string, b: string) => number): unknown {
  if (Array.isArray(value)) return value.map((item) => order(item, compare));
  if (typeof value !== "object" || value === null) return value;
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(source).sort(compare)) {
    // Own-property define so a member named "__proto__" stays data, not a prototype change.
    Object.defineProperty(out, key, { value: order(source[key], compare), enumerable: true, writable: true });
  }
  return out;
}
