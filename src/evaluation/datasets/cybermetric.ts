import type { Dataset } from "../model.ts";
import { buildDataset } from "./build-dataset.ts";
import { ItemReader } from "./item-reader.ts";
import { readJsonArray } from "./read-json.ts";

/** The answer letters CyberMetric uses, in the order they become `Sample.choices`. */
const LETTERS = ["A", "B", "C", "D"] as const;

export const CYBERMETRIC_LICENCE =
  "None stated by the authors (CyberMetric, Tihanyi et al. 2024): use for evaluation only, do not redistribute";

/**
 * Loads a CyberMetric file (`{"questions":[{question, answers:{A..D}, solution}]}`): one
 * multiple-choice sample per question, target = the solution letter, id = the 1-based question number.
 */
export async function loadCyberMetric(path: string, name = "cybermetric"): Promise<Dataset> {
  const items = await readJsonArray(path, "questions");
  const samples = items.map((raw, index) => {
    const item = new ItemReader(path, { index }, raw);
    const answers = item.object("answers");
    const choices = LETTERS.map((letter) => answers.string(letter));
    const solution = item.string("solution").trim().toUpperCase();
    if (!(LETTERS as readonly string[]).includes(solution)) {
      throw item.fail("solution", `expected one of ${LETTERS.join(", ")}, got ${JSON.stringify(solution)}`);
    }
    return { id: String(index + 1), input: item.string("question"), choices, target: solution };
  });
  return buildDataset({ name, samples, source: { path, licence: CYBERMETRIC_LICENCE } });
}
