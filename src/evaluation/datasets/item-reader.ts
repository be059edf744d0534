import { type DataLocation, DatasetError } from "./dataset-error.ts";

/**
 * Typed access to the fields of one raw item of a dataset file. Every failed expectation becomes a
 * `DatasetError` naming the file, the item's line or index and the field.
 */
export class ItemReader {
  private readonly record: Record<string, unknown>;

  constructor(
    readonly file: string,
    readonly location: DataLocation,
    raw: unknown,
    /** Dotted path of this object inside the item, so nested fields are named in full. */
    private readonly prefix = "",
  ) {
    if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
      throw new DatasetError(
        file,
        location,
        prefix.replace(/\.$/, "") || undefined,
        `expected an object, got ${kindOf(raw)}`,
      );
    }
    this.record = raw as Record<string, unknown>;
  }

  /** The raw value of a field (undefined when absent). */
  raw(field: string): unknown {
    return this.record[field];
  }

  /** Whether the field holds something: absent, null and blank text (an empty CSV cell) count as nothing. */
  has(field: string): boolean {
    const value = this.record[field];
    return value !== undefined && value !== null && !(typeof value === "string" && value.trim() === "");
  }

  /** A required, non-blank string. */
  string(field: string): string {
    const value = this.record[field];
    if (typeof value !== "string") throw this.fail(field, `expected a string, got ${kindOf(value)}`);
    if (value.trim() === "") throw this.fail(field, "is empty");
    return value;
  }

  optionalString(field: string): string | undefined {
    return this.has(field) ? this.string(field) : undefined;
  }

  /** A string, or a number rendered as text (ids, numeric answers). */
  text(field: string): string {
    const value = this.record[field];
    if (typeof value === "number" && Number.isFinite(value)) return String(value);
    return this.string(field);
  }

  boolean(field: string): boolean {
    const value = this.record[field];
    if (typeof value !== "boolean") throw this.fail(field, `expected true or false, got ${kindOf(value)}`);
    return value;
  }

  /** A required array of strings; blank entries are an error, or dropped when `blank` is "drop". */
  stringArray(field: string, blank: "reject" | "drop" = "reject"): string[] {
    const value = this.record[field];
    if (!Array.isArray(value)) throw this.fail(field, `expected an array of strings, got ${kindOf(value)}`);
    const strings = value.map((entry, i) => {
      if (typeof entry !== "string" || (blank === "reject" && entry.trim() === "")) {
        throw this.fail(`${field}[${i}]`, `expected a non-empty string, got ${kindOf(entry)}`);
      }
      return entry;
    });
    return strings.filter((entry) => entry.trim() !== "");
  }

  /** A nested object, read with the same location. */
  object(field: string): ItemReader {
    const value = this.record[field];
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      throw this.fail(field, `expected an object, got ${kindOf(value)}`);
    }
    return new ItemReader(this.file, this.location, value, `${this.prefix}${field}.`);
  }

  fail(field: string, problem: string): DatasetError {
    return new DatasetError(this.file, this.location, `${this.prefix}${field}`, problem);
  }
}

/** A short name of a JSON value's kind, for error messages. */
export function kindOf(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `${typeof value} ${JSON.stringify(value).slice(0, 40)}`;
}
