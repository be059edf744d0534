/**
 * Where in a source file a bad item sits: a 1-based line (JSONL, CSV, a JSON syntax error) or a
 * 0-based index into the file's array of items (JSON), whichever the format makes meaningful.
 */
export interface DataLocation {
  line?: number;
  index?: number;
}

/**
 * A dataset file that cannot be read as the loader expects. The message names the file, the line or
 * index and the field, so whoever maintains the data can go straight to it.
 */
export class DatasetError extends Error {
  constructor(
    readonly file: string,
    readonly location: DataLocation,
    readonly field: string | undefined,
    readonly problem: string,
  ) {
    super(`${file}${describe(location)}${field === undefined ? "" : ` field "${field}"`}: ${problem}`);
    this.name = "DatasetError";
  }
}

function describe(location: DataLocation): string {
  if (location.line !== undefined) return `:${location.line}`;
  if (location.index !== undefined) return ` [item ${location.index}]`;
  return "";
}
