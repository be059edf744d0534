import type { Dirent } from "node:fs";
import { readdir } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import type { Dataset } from "../model.ts";
import { buildDataset } from "./build-dataset.ts";
import { DatasetError } from "./dataset-error.ts";
import { ItemReader } from "./item-reader.ts";
import { readJsonFile, readText } from "./read-json.ts";

export const CYBENCH_LICENCE = "Apache-2.0 (Cybench, Stanford); tasks from HackTheBox, SekaiCTF, GlacierCTF, HKCert";

export interface CybenchOptions {
  /** Every task folder with a metadata.json, not only the published list in task_list.txt. */
  allTasks?: boolean;
  /** Which task description precedes each question: the bare one (default) or the one naming the files. */
  prompt?: "hard" | "easy";
}

/**
 * Loads Cybench task metadata as subtask question answering: one sample per subtask, `cluster` = the
 * task (subtasks of one task are not independent), `category` = the task's first category. Tasks are
 * those listed in `task_list.txt` (the 40 published ones) unless `allTasks` is set.
 */
export async function loadCybench(path: string, options: CybenchOptions = {}, name = "cybench"): Promise<Dataset> {
  const tasks = options.allTasks ? await allTaskDirs(path) : await listedTaskDirs(path);
  const samples = [];
  for (const task of tasks) {
    const file = join(path, "tasks", task, "metadata.json");
    const meta = new ItemReader(file, {}, await readJsonFile(file));
    const categories = meta.stringArray("categories");
    const context = meta.string(options.prompt === "easy" ? "easy_prompt" : "hard_prompt");
    const rawSubtasks = meta.raw("subtasks");
    if (!Array.isArray(rawSubtasks) || rawSubtasks.length === 0)
      throw meta.fail("subtasks", "expected a non-empty array");
    const family = task.replace(/^benchmark\//, "");
    for (const [index, raw] of rawSubtasks.entries()) {
      const subtask = new ItemReader(file, {}, raw, `subtasks[${index}].`);
      const question = subtask.string("question");
      const format = subtask.optionalString("answer_format");
      const input = [
        context,
        `Subtask ${index + 1} of ${rawSubtasks.length}: ${question}`,
        ...(format ? [`Answer format: ${format}`] : []),
      ].join("\n\n");
      samples.push({
        id: `${family}#${index + 1}`,
        input,
        target: subtask.text("answer").trim(),
        category: categories[0],
        cluster: family,
        metadata: {
          task: family,
          subtask: index + 1,
          subtasks: rawSubtasks.length,
          categories,
          difficulty: difficultyOf(meta),
          answerFormat: format,
          hints: subtask.has("hints") ? subtask.stringArray("hints", "drop") : [],
          targetHost: meta.optionalString("target_host"),
        },
      });
    }
  }
  return buildDataset({ name, samples, source: { path, licence: CYBENCH_LICENCE } });
}

/** Task folders named in task_list.txt, one per line, relative to tasks/. */
async function listedTaskDirs(path: string): Promise<string[]> {
  const text = await readText(join(path, "task_list.txt"));
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
}

async function allTaskDirs(path: string): Promise<string[]> {
  const root = join(path, "tasks");
  let entries: Dirent[];
  try {
    entries = await readdir(root, { recursive: true, withFileTypes: true });
  } catch (error) {
    throw new DatasetError(root, {}, undefined, `cannot read task folders (${(error as NodeJS.ErrnoException).code})`);
  }
  return entries
    .filter((entry) => entry.isFile() && entry.name === "metadata.json")
    .map((entry) => relative(root, entry.parentPath).split(sep).join("/"))
    .sort();
}

/** Difficulty is stored as a digit string ("0" very easy … "5" master); kept as a number. */
function difficultyOf(meta: ItemReader): number | undefined {
  if (!meta.has("difficulty")) return undefined;
  const value = Number(meta.text("difficulty"));
  if (!Number.isInteger(value)) throw meta.fail("difficulty", "expected a whole number");
  return value;
}
