/**
 * A small RFC 4180 CSV reader: comma separated, `"` quoting with `""` escapes, quoted fields may
 * span lines, CRLF or LF line ends. Used for MITRE's CWE exports and SSVC's decision-table CSVs.
 */
import { fail, ok, type Result } from "../result.ts";

/**
 * Split CSV text into records of fields. A final line end does not start an empty record.
 * Fails with `csv.unterminated_quote` or `csv.stray_quote` (path: 1-based line number).
 */
export function parseCsv(text: string): Result<string[][]> {
  const records: string[][] = [];
  let record: string[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
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
      const next = text[i];
      if (next !== undefined && next !== "," && next !== "\n" && next !== "\r") {
        return fail("csv.stray_quote", "text follows a closing quote", String(line));
      }
    } else {
      // Unquoted field: everything up to the next separator or line end.
      let end = i;
      while (end < n) {
        const c = text[end];
        if (c === "," || c === "\n" || c === "\r") break;
        if (c === '"') return fail("csv.stray_quote", "a quote inside an unquoted field", String(line));
        end++;
      }
      field = text.slice(i, end);
      i = end;
    }
    record.push(field);
    const c = text[i];
    if (c === ",") {
      i++;
      // A trailing comma ends the text with one more, empty field.
      if (i === n) record.push("");
      continue;
    }
    records.push(record);
    record = [];
    if (c === "\r") i += text[i + 1] === "\n" ? 2 : 1;
    else if (c === "\n") i++;
    line++;
  }
  if (record.length > 0) records.push(record);
  return ok(records);
}

function countNewlines(text: string): number {
  let count = 0;
  for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) count++;
  return count;
}
