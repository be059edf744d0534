import type { Dirent } from "node:fs";
import { readdir } from "node:fs/promises";
import { join, relative, resolve, sep } from "node:path";
import type { Dataset } from "../model.ts";
import { buildDataset } from "./build-dataset.ts";
import { DatasetError } from "./dataset-error.ts";
import { ItemReader } from "./item-reader.ts";
import { readJsonArray } from "./read-json.ts";

export const INTERCODE_CTF_LICENCE = "MIT (InterCode, Princeton NLP); tasks from picoCTF";

/** Each task folder holds a write-up of the answer; it must never reach the model's sandbox. */
const SOLUTION_DIR = "solution";
/** Empty marker files the upstream repository keeps so that file-less task folders exist in git. */
const MARKER_FILES = new Set([".placeholder", ".ignore"]);

/**
 * Loads InterCode-CTF from its folder: `ic_ctf.json` (task_id, query, gold, tags, source, optional
 * setup and hint) and `task_assets/<task_id>/`, whose files (minus the solution write-up) become
 * `Sample.files`. A task whose folder holds nothing but the write-up — not even the marker file that
 * file-less tasks carry — has lost its assets (upstream left out three large ones): it is excluded and
 * listed in `Dataset.excluded` rather than failing the load or being scored as a miss.
 */
export async function loadIntercodeCtf(path: string, name = "intercode-ctf"): Promise<Dataset> {
  const file = join(path, "ic_ctf.json");
  const items = await readJsonArray(file);
  const samples = [];
  const excluded = [];
  for (const [index, raw] of items.entries()) {
    const item = new ItemReader(file, { index }, raw);
    const id = item.text("task_id");
    // The id names a folder: it must not climb out of task_assets/.
    if (!/^[\w-]+$/.test(id)) throw item.fail("task_id", `expected letters, digits, _ or -, got ${JSON.stringify(id)}`);
    const tags = item.stringArray("tags");
    const sample = { id, input: item.string("query"), target: item.string("gold").trim(), category: tags[0] };
    const metadata: Record<string, unknown> = { tags };
    for (const field of ["source", "setup", "hint"]) {
      const value = item.optionalString(field);
      if (value !== undefined) metadata[field] = value;
    }
    const files = await readAssets(resolve(path, "task_assets", id));
    if (files === undefined)
      excluded.push({ id, reason: `task files missing: task_assets/${id}/ holds only the solution write-up` });
    else samples.push({ ...sample, metadata, files });
  }
  return buildDataset({ name, samples, excluded, source: { path, licence: INTERCODE_CTF_LICENCE } });
}

/** The task's files (relative path → absolute path), or undefined when the folder lost its assets. */
async function readAssets(folder: string): Promise<Record<string, string> | undefined> {
  let entries: Dirent[];
  try {
    entries = await readdir(folder, { recursive: true, withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new DatasetError(folder, {}, undefined, `cannot read task folder (${(error as NodeJS.ErrnoException).code})`);
  }
  const files: Record<string, string> = {};
  let markers = 0;
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const absolute = join(entry.parentPath, entry.name);
    const path = relative(folder, absolute).split(sep).join("/");
    if (path.split("/")[0] === SOLUTION_DIR) continue;
    if (MARKER_FILES.has(path)) markers++;
    else files[path] = absolute;
  }
  if (Object.keys(files).length === 0 && markers === 0) return undefined;
  return Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1)));
}
