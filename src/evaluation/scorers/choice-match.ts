import type { Scorer } from "../model.ts";
import { choiceLetter, extractChoice } from "../solvers/extract-choice.ts";
import { ScorerError } from "./scorer-error.ts";
import { targetsOf } from "./targets.ts";

/**
 * Multiple choice: 1 when the letter read from the answer (a lone letter as the multiple-choice solver
 * leaves it, or a reply's text, read with `extractChoice`) is the target letter. A target may also be
 * the text of the correct choice.
 */
export function choiceMatch(): Scorer {
  return async (result, sample) => {
    const choices = sample.choices ?? [];
    if (choices.length === 0) throw new ScorerError("choiceMatch", `sample ${sample.id} has no choices`);
    const correct = new Set(targetsOf(sample).map((target) => targetLetter(target, choices)));
    const letter = extractChoice(result.answer, choices);
    if (letter === undefined) return { value: 0, explanation: "no single choice could be read from the answer" };
    return {
      value: correct.has(letter) ? 1 : 0,
      answer: letter,
      explanation: `chose ${letter}, correct ${[...correct].join(" or ")}`,
    };
  };
}

/** A target as a letter: itself when it is one of the choices' letters, else the letter of the choice it names. */
function targetLetter(target: string, choices: readonly string[]): string {
  const trimmed = target.trim();
  const upper = trimmed.toUpperCase();
  if (/^[A-Z]$/.test(upper) && upper.charCodeAt(0) - 65 < choices.length) return upper;
  const index = choices.findIndex((choice) => choice.trim() === trimmed);
  if (index < 0)
    throw new ScorerError("choiceMatch", `target ${JSON.stringify(target)} is neither a choice letter nor a choice`);
  return choiceLetter(index);
}
