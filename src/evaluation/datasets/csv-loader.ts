import { parseCsvRows } from "../../standards/text/csv.ts";
import type { Dataset } from "../model.ts";
import { buildDataset } from "./build-dataset.ts";
import { DatasetError } from "./dataset-error.ts";
import { sampleFromRecord } from "./field-mapping.ts";
import type { GenericLoadOptions } from "./jsonl.ts";
import { readText } from "./read-json.ts";

/**
 * Loads a CSV file (RFC 4180: a header row, `"` quoting with `""` as an escaped quote, fields that may
 * span lines; read by `standards/text/csv.ts`, tolerant of hand-edited quoting, a byte-order mark
 * dropped) with a field mapping over the header's column names. Errors name the file, line and field.
 */
export async function loadCsv(path: string, options: GenericLoadOptions & { delimiter?: string }): Promise<Dataset> {
  const parsed = parseCsvRows(await readText(path), {
    delimiter: options.delimiter ?? ",",
    stripBom: true,
    lenientQuotes: true,
  });
  if (!parsed.ok) {
    const { path: line, message } = parsed.error;
    throw new DatasetError(path, line === undefined ? {} : { line: Number(line) }, undefined, message);
  }
  const [header, ...body] = parsed.value;
  if (!header) throw new DatasetError(path, {}, undefined, "no header row");
  const columns = header.fields.map((field) => field.trim());
  const samples = [];
  const locations = [];
  for (const row of body) {
    if (row.fields.length === 1 && row.fields[0] === "") continue;
    if (row.fields.length !== columns.length) {
      throw new DatasetError(
        path,
        { line: row.line },
        undefined,
        `expected ${columns.length} cells, got ${row.fields.length}`,
      );
    }
    const record = Object.fromEntries(columns.map((column, i) => [column, row.fields[i]]));
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
