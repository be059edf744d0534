/**
 * The vers `datetime` type: RFC 3339 timestamps (section 5.6) ordered as instants, so offsets are
 * applied and fractional seconds of any precision compare numerically.
 */
import { fail, ok, type Result } from "../../result.ts";
import type { VersScheme } from "../scheme.ts";
import { compareText } from "./digits.ts";

/** A timestamp as whole UTC seconds since the epoch plus the fraction digits (no trailing zeros). */
export interface DatetimeVersion {
  readonly seconds: number;
  readonly fraction: string;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

function parseDatetime(text: string): Result<DatetimeVersion> {
  const m = RFC3339.exec(text);
  const invalid = fail<DatetimeVersion>("vers.invalid_version", `'${text}' is not an RFC 3339 timestamp.`);
  if (!m) return invalid;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return invalid;
  if (hour > 23 || minute > 59 || second > 60) return invalid;
  let offset = 0;
  if (m[9] !== undefined) {
    const offsetHours = Number(m[10]);
    const offsetMinutes = Number(m[11]);
    if (offsetHours > 23 || offsetMinutes > 59) return invalid;
    offset = (m[9] === "-" ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
  }
  const seconds = date.getTime() / 1000 + hour * 3600 + minute * 60 + second - offset;
  return ok({ seconds, fraction: (m[7] ?? "").replace(/0+$/, "") });
}

/** RFC 3339 timestamp ordering. */
export const datetime: VersScheme<DatetimeVersion> = {
  name: "datetime",
  parse: parseDatetime,
  compare(a, b) {
    if (a.seconds !== b.seconds) return a.seconds - b.seconds;
    const width = Math.max(a.fraction.length, b.fraction.length);
    return compareText(a.fraction.padEnd(width, "0"), b.fraction.padEnd(width, "0"));
  },
};
