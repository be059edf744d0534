import type { Dataset } from "../model.ts";
import { buildDataset } from "./build-dataset.ts";
import { DatasetError } from "./dataset-error.ts";
import { sampleFromRecord } from "./field-mapping.ts";
import type { GenericLoadOptions } from "./jsonl.ts";
import { readText } from "./read-json.ts";

/** A parsed CSV row with the 1-based line it starts on (quoted fields may span lines). */
export interface CsvRow {
  line: number;
  cells: string[];
}

/**
 * Loads a CSV file (RFC 4180: a header row, `"` quoting with `""` as an escaped quote, fields that may
 * span lines) with a field mapping over the header's column names. Errors name the file, line and field.
 */
export async function loadCsv(path: string, options: GenericLoadOptions & { delimiter?: string }): Promise<Dataset> {
  const rows = parseCsv(await readText(path), path, options.delimiter);
  const [header, ...body] = rows;
  if (!header) throw new DatasetError(path, {}, undefined, "no header row");
  const columns = header.cells.map((cell) => cell.trim());
  const samples = [];
  const locations = [];
  for (const row of body) {
    if (row.cells.length === 1 && row.cells[0] === "") continue;
    if (row.cells.length !== columns.length) {
      throw new DatasetError(
        path,
        { line: row.line },
        undefined,
        `expected ${columns.length} cells, got ${row.cells.length}`,
      );
    }
    const record = Object.fromEntries(columns.map((column, i) => [column, row.cells[i]]));
    samples.push(sampleFromRecord(path, { line: row.line }, record, options.fields, String(row.line)));
    locations.push({ line: row.line });
  }
  if (samples.length === 0) throw new DatasetError(path, {}, undefined, "no records below the header");
  return buildDataset({
    name: options.name,
    samples,
    locations,
    source: { path, licence: options.licence, description: options.description },
  });
}

/** Splits CSV text into rows of cells; an unterminated quote is a `DatasetError` naming its line. */
export function parseCsv(text: string, file: string, delimiter = ","): CsvRow[] {
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let quoteLine = 1;
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0; // a byte-order mark is not part of the first column's name
  for (let i = start; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else {
        if (char === "\n") line++;
        cell += char;
      }
    } else if (char === '"' && cell === "") {
      quoted = true;
      quoteLine = line;
    } else if (char === delimiter) {
      cells.push(cell);
      cell = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[i + 1] === "\n") i++;
      cells.push(cell);
      rows.push({ line: rowLine, cells });
      cells = [];
      cell = "";
      line++;
      rowLine = line;
    } else cell += char;
  }
  if (quoted) throw new DatasetError(file, { line: quoteLine }, undefined, "quoted field is never closed");
  if (cell !== "" || cells.length > 0) {
    cells.push(cell);
    rows.push({ line: rowLine, cells });
  }
  return rows;
}
