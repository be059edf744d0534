/**
 * Percent-encoding as the purl spec defines it (clause "Character encoding"): alphanumerics,
 * `.-_~` and the colon stay literal; every other UTF-8 octet becomes an uppercase `%XX` triplet.
 */

/** Characters that never need encoding in a canonical PURL component. */
const LITERAL = /^[A-Za-z0-9._~:-]*$/;
/** The same, for a path whose segments are joined with `/`. */
const LITERAL_PATH = /^[A-Za-z0-9._~:/-]*$/;
/** Characters `encodeURIComponent` leaves alone but the purl spec encodes. */
const EXTRA = /[!'()*]/g;

function hexTriplet(char: string): string {
  return `%${char.charCodeAt(0).toString(16).toUpperCase()}`;
}

/** Percent-encode one decoded component or segment. The input must be well-formed UTF-16. */
export function percentEncode(value: string): string {
  if (LITERAL.test(value)) return value;
  // encodeURIComponent already emits uppercase UTF-8 triplets; adjust its two differences.
  return encodeURIComponent(value).replace(EXTRA, hexTriplet).replaceAll("%3A", ":");
}

/** Percent-decode once; `undefined` when a triplet is malformed or the octets are not UTF-8. */
export function percentDecode(value: string): string | undefined {
  if (!value.includes("%")) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

/** True when the string can be encoded as UTF-8: it has no lone UTF-16 surrogate. */
export function isWellFormed(value: string): boolean {
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    if (code < 0xd800 || code > 0xdfff) continue;
    const next = value.charCodeAt(i + 1);
    if (code >= 0xdc00 || !(next >= 0xdc00 && next <= 0xdfff)) return false;
    i += 1;
  }
  return true;
}

/** Percent-encode each `/`-separated segment of a decoded path and keep the slashes. */
export function percentEncodePath(path: string): string {
  if (LITERAL_PATH.test(path)) return path;
  return path.split("/").map(percentEncode).join("/");
}
