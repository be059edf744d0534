import type { DataLocation } from "./dataset-error.ts";
import { ItemReader, kindOf } from "./item-reader.ts";

/** Which fields of a generic record (JSONL object, CSV row) make up a sample. */
export interface FieldMapping {
  /** The prompt. */
  input: string;
  /** What scorers compare against: a string, a number, or an array of accepted strings. */
  target?: string;
  /**
   * Multiple-choice options: one field holding an array (or an object such as `{A: …, B: …}`, taken
   * in key order), or several fields, one per option, in order.
   */
  choices?: string | string[];
  /** A unique id; without it, the line number is the id. */
  id?: string;
  category?: string;
  cluster?: string;
}

/**
 * Builds one raw sample from a record by the mapping. Fields the mapping does not name are kept in
 * `metadata`, so nothing in the source is silently dropped.
 */
export function sampleFromRecord(
  file: string,
  location: DataLocation,
  raw: unknown,
  mapping: FieldMapping,
  fallbackId: string,
): Record<string, unknown> {
  const item = new ItemReader(file, location, raw);
  const sample: Record<string, unknown> = {
    id: mapping.id === undefined ? fallbackId : item.text(mapping.id),
    input: item.string(mapping.input),
  };
  if (mapping.target !== undefined) sample.target = targetOf(item, mapping.target);
  if (mapping.choices !== undefined) sample.choices = choicesOf(item, mapping.choices);
  if (mapping.category !== undefined) sample.category = item.optionalString(mapping.category);
  if (mapping.cluster !== undefined)
    sample.cluster = item.has(mapping.cluster) ? item.text(mapping.cluster) : undefined;
  const named = new Set(
    [mapping.input, mapping.target, mapping.id, mapping.category, mapping.cluster, mapping.choices].flat(),
  );
  sample.metadata = Object.fromEntries(Object.entries(raw as object).filter(([key]) => !named.has(key)));
  return sample;
}

function targetOf(item: ItemReader, field: string): string | string[] {
  return Array.isArray(item.raw(field)) ? item.stringArray(field) : item.text(field);
}

function choicesOf(item: ItemReader, choices: string | string[]): string[] {
  if (Array.isArray(choices)) return choices.map((field) => item.text(field));
  const value = item.raw(choices);
  if (Array.isArray(value)) return item.stringArray(choices);
  if (value !== null && typeof value === "object") {
    const options = item.object(choices);
    return Object.keys(value).map((key) => options.text(key));
  }
  throw item.fail(choices, `expected an array or an object of options, got ${kindOf(value)}`);
}
