import type { Dataset } from "../model.ts";
import { buildDataset } from "./build-dataset.ts";
import { DatasetError } from "./dataset-error.ts";
import { type FieldMapping, sampleFromRecord } from "./field-mapping.ts";
import { readText } from "./read-json.ts";

export interface GenericLoadOptions {
  name: string;
  fields: FieldMapping;
  licence?: string;
  description?: string;
}

/**
 * Loads a JSON Lines file (one JSON object per line; blank lines skipped) with a field mapping.
 * Errors name the file, the line and the field.
 */
export async function loadJsonl(path: string, options: GenericLoadOptions): Promise<Dataset> {
  const lines = (await readText(path)).split(/\r?\n/);
  const samples = [];
  const locations = [];
  for (const [index, text] of lines.entries()) {
    if (text.trim() === "") continue;
    const line = index + 1;
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      throw new DatasetError(path, { line }, undefined, `not valid JSON (${(error as Error).message})`);
    }
    samples.push(sampleFromRecord(path, { line }, raw, options.fields, String(line)));
    locations.push({ line });
  }
  if (samples.length === 0) throw new DatasetError(path, {}, undefined, "no records");
  return buildDataset({
    name: options.name,
    samples,
    locations,
    source: { path, licence: options.licence, description: options.description },
  });
}
