import { readFile } from "node:fs/promises";
import { DatasetError } from "./dataset-error.ts";
import { kindOf } from "./item-reader.ts";

/**
 * Reads and parses a JSON file. A syntax error becomes a `DatasetError` naming the line, which V8
 * only reports as a character position.
 */
export async function readJsonFile(file: string): Promise<unknown> {
  const text = await readText(file);
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /at position (\d+)/.exec(message);
    const line = position ? lineAt(text, Number(position[1])) : undefined;
    throw new DatasetError(file, { line }, undefined, `not valid JSON (${message})`);
  }
}

/** Reads a JSON file whose items are an array at the top level, or under `key`. */
export async function readJsonArray(file: string, key?: string): Promise<unknown[]> {
  const parsed = await readJsonFile(file);
  const items = key === undefined ? parsed : (parsed as Record<string, unknown> | null)?.[key];
  if (!Array.isArray(items)) {
    throw new DatasetError(file, {}, key, `expected an array of items, got ${kindOf(items)}`);
  }
  return items;
}

/** Reads a UTF-8 text file; a missing or unreadable file is a `DatasetError`, not a bare ENOENT. */
export async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DatasetError(
      file,
      {},
      undefined,
      code === "ENOENT" ? "file not found" : `cannot read (${code ?? error})`,
    );
  }
}

/** The 1-based line of a character offset. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
