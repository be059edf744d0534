/**
 * Ordering of RFC 3339 date-times at full precision. `Date.parse` stops at milliseconds, but CSAF revision
 * histories are ordered by their dates and test data differs in the fifth fractional digit.
 */

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/** A date-time as whole UTC seconds plus the fractional digits. */
interface Instant {
  seconds: number;
  fraction: string;
}

function toInstant(text: string): Instant | undefined {
  const m = RFC3339.exec(text);
  if (m === null) return undefined;
  const [, y, mo, d, h, mi, s, frac = "", z, sign, oh, om] = m;
  const offset = z !== undefined ? 0 : (sign === "-" ? -1 : 1) * (Number(oh) * 60 + Number(om)) * 60;
  const seconds = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) / 1000 - offset;
  return { seconds, fraction: frac.replace(/0+$/, "") };
}

/** Compares two date-times by the instant they denote; unparsable values sort first, among themselves by text. */
export function compareDateTimes(a: string, b: string): number {
  const x = toInstant(a);
  const y = toInstant(b);
  if (x === undefined || y === undefined) {
    if (x !== y) return x === undefined ? -1 : 1;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (x.seconds !== y.seconds) return x.seconds - y.seconds;
  // Same second: compare the fractions digit by digit (right-padded, trailing zeros removed above).
  const width = Math.max(x.fraction.length, y.fraction.length);
  const fx = x.fraction.padEnd(width, "0");
  const fy = y.fraction.padEnd(width, "0");
  return fx < fy ? -1 : fx > fy ? 1 : 0;
}
