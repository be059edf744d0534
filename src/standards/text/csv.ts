/**
 * A small RFC 4180 CSV reader: `"` quoting with `""` escapes, quoted fields may span lines, CRLF, LF
 * or CR line ends. Used for MITRE's CWE exports, SSVC's decision-table CSVs and evaluation datasets
 * (which want another delimiter, a byte-order mark dropped and hand-edited quoting tolerated).
 */
import { fail, ok, type Result } from "../result.ts";

export interface CsvOptions {
  /** The field separator, one character (default `,`). */
  delimiter?: string;
  /** Drop a leading byte-order mark, so it does not become part of the first field (default false). */
  stripBom?: boolean;
  /**
   * Read a quote inside an unquoted field, and text after a closing quote, as plain text (`a"b` is
   * `a"b`, `"a"b` is `ab`) instead of failing with `csv.stray_quote` (default false).
   */
  lenientQuotes?: boolean;
}

/** One record with the 1-based line it starts on (a quoted field may span lines). */
export interface CsvRow {
  line: number;
  fields: string[];
}

/**
 * Split CSV text into records of fields. A final line end does not start an empty record.
 * Fails with `csv.unterminated_quote` or `csv.stray_quote` (path: 1-based line number).
 */
export function parseCsv(text: string, options: CsvOptions = {}): Result<string[][]> {
  const rows = parseCsvRows(text, options);
  return rows.ok ? ok(rows.value.map((row) => row.fields)) : rows;
}

/** Like `parseCsv`, each record with the line it starts on. */
export function parseCsvRows(text: string, options: CsvOptions = {}): Result<CsvRow[]> {
  const delimiter = options.delimiter ?? ",";
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === "\n" || delimiter === "\r")
    return fail("csv.bad_delimiter", "the delimiter must be one character other than a quote or a line end");
  const lenient = options.lenientQuotes === true;
  const records: CsvRow[] = [];
  let record: string[] = [];
  let line = 1;
  let recordLine = 1;
  let i = options.stripBom && text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  const endsField = (c: string | undefined) => c === undefined || c === delimiter || c === "\n" || c === "\r";
  /** The end of the unquoted text starting at `from`: the next separator or line end. */
  const plainEnd = (from: number): number | Result<never> => {
    let end = from;
    while (!endsField(text[end])) {
      if (text[end] === '"' && !lenient)
        return fail("csv.stray_quote", "a quote inside an unquoted field", String(line));
      end++;
    }
    return end;
  };
  while (i < n) {
    let field: string;
    if (text[i] === '"') {
      // Quoted field: copy runs up to each quote; `""` is an escaped quote.
      const quoteLine = line;
      let value = "";
      let from = i + 1;
      for (;;) {
        const quote = text.indexOf('"', from);
        if (quote < 0) return fail("csv.unterminated_quote", "a quoted field is not closed", String(quoteLine));
        value += text.slice(from, quote);
        if (text[quote + 1] === '"') {
          value += '"';
          from = quote + 2;
          continue;
        }
        i = quote + 1;
        break;
      }
      line += countNewlines(value);
      field = value;
      if (!endsField(text[i])) {
        if (!lenient) return fail("csv.stray_quote", "text follows a closing quote", String(line));
        const end = plainEnd(i) as number;
        field += text.slice(i, end);
        i = end;
      }
    } else {
      // Unquoted field: everything up to the next separator or line end.
      const end = plainEnd(i);
      if (typeof end !== "number") return end;
      field = text.slice(i, end);
      i = end;
    }
    record.push(field);
    const c = text[i];
    if (c === delimiter) {
      i++;
      // A trailing separator ends the text with one more, empty field.
      if (i === n) record.push("");
      continue;
    }
    records.push({ line: recordLine, fields: record });
    record = [];
    if (c === "\r") i += text[i + 1] === "\n" ? 2 : 1;
    else if (c === "\n") i++;
    line++;
    recordLine = line;
  }
  if (record.length > 0) records.push({ line: recordLine, fields: record });
  return ok(records);
}

function countNewlines(text: string): number {
  let count = 0;
  for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) count++;
  return count;
}
