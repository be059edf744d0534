/**
 * Answer extraction for multiple-choice and free-form replies. Models answer in many shapes
 * ("ANSWER: C", "The answer is (c)", "**C**", a lone letter, the text of a choice); a strict parser
 * would score format slips as wrong answers, and a loose one would invent answers. So the rules run
 * from most to least explicit, and a rule that finds two different letters gives up rather than guess.
 */

/** The label of the choice at `index`: 0 → "A". */
export function choiceLetter(index: number): string {
  if (!Number.isInteger(index) || index < 0 || index >= 26) throw new RangeError(`no letter for choice ${index}`);
  return String.fromCharCode(65 + index);
}

/** "answer is C", "Final Answer: (c)", "**Answer:** C", "answer = \boxed{C}". */
const ANSWER_MARKER =
  /\b(?:final\s+)?answer\b(?:\s+(?:is|would\s+be|should\s+be|will\s+be))?[\s:=*_\-–]*(?:(?:option|choice|letter)\s+)?(?:\$?\\boxed\{\s*(?:\\text\{\s*)?)?([([]?)([A-Za-z])([)\]]?)(?![A-Za-z0-9])/gi;
/** "\boxed{C}" anywhere (LaTeX-trained models). */
const BOXED = /\\boxed\{\s*(?:\\text\{\s*)?\(?([A-Za-z])\)?\s*\}/g;
/** "option C", "choice (B)", "the best option is D". */
const OPTION_MARKER =
  /\b(?:option|choice)\b(?:\s+(?:is|would\s+be))?[\s:=*_\-–]*([([]?)([A-Za-z])([)\]]?)(?![A-Za-z0-9])/gi;
/** A line that is only a letter, decorated: "C", "(c)", "**C.**", "[B]". */
const LONE_LETTER = /^[\s*_"'`([]*([A-Za-z])[\s*_"'`)\].:]*$/;
/** A line that opens with a choice label: "C) SQL injection", "**B.** text". */
const LABELLED_LINE = /^[\s*_]*\(?([A-Z])[).:][\s*_]+\S/;
/** "**C**", "**C)**", "**B. The text**". */
const BOLD_LETTER = /\*\*\s*\(?([A-Z])(?:\)|\.|:|\*\*)/g;
/** "(C)" anywhere; upper case only, as "(a)" also enumerates points in prose. */
const PAREN_LETTER = /\(([A-Z])\)/g;

/**
 * The letter ("A"…) of the choice `text` picks among `choices`, or undefined when it picks none or
 * is ambiguous. Letters outside the choices are ignored.
 */
export function extractChoice(text: string, choices: readonly string[]): string | undefined {
  const valid = (letter: string | undefined) =>
    letter !== undefined && letter.toUpperCase().charCodeAt(0) - 65 < choices.length ? letter.toUpperCase() : undefined;

  // 1. An explicit answer: the last one wins, as models restate their final choice at the end.
  const explicit = [
    ...markedLetters(text, ANSWER_MARKER),
    ...[...text.matchAll(BOXED)].map((m) => ({ at: m.index, letter: m[1]! })),
  ]
    .filter((m) => valid(m.letter))
    .sort((a, b) => a.at - b.at);
  if (explicit.length > 0) return valid(explicit.at(-1)!.letter);

  // 2. The whole reply, or its last line, is a letter.
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== "");
  for (const line of [text.trim(), lines.at(-1) ?? ""]) {
    const lone = valid(LONE_LETTER.exec(line)?.[1]);
    if (lone) return lone;
  }

  // 3. Weaker signals, each accepted only when it names a single letter.
  const candidates = [
    markedLetters(text, OPTION_MARKER).map((m) => m.letter),
    lines.map((line) => LABELLED_LINE.exec(line)?.[1]),
    [...text.matchAll(BOLD_LETTER)].map((m) => m[1]),
    [...text.matchAll(PAREN_LETTER)].map((m) => m[1]),
  ];
  for (const letters of candidates) {
    const found = new Set(letters.map(valid).filter((letter) => letter !== undefined));
    if (found.size === 1) return [...found][0];
  }

  // 4. The reply quotes the text of exactly one choice.
  return matchChoiceText(text, choices);
}

/**
 * Letters after a marker regex (groups: open bracket, letter, close bracket). A lower-case letter
 * counts only when bracketed or ending its clause, so "the answer is a buffer overflow" is not "A".
 */
function markedLetters(text: string, marker: RegExp): { at: number; letter: string }[] {
  const found: { at: number; letter: string }[] = [];
  for (const match of text.matchAll(marker)) {
    const [, open, letter, close] = match as unknown as [string, string, string, string];
    const rest = text.slice(match.index + match[0].length);
    const bracketed = open !== "" || close !== "";
    if (letter === letter.toUpperCase() || bracketed || /^[*_]*(?:[.,;:!?]|\s*$|\s*\n)/.test(rest)) {
      found.push({ at: match.index, letter });
    }
  }
  return found;
}

function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** The choice whose text the reply contains; a choice inside a longer matching one does not count. */
function matchChoiceText(text: string, choices: readonly string[]): string | undefined {
  const reply = ` ${normalise(text)} `;
  const texts = choices.map(normalise);
  const exact = texts.indexOf(reply.trim());
  if (exact >= 0 && texts.indexOf(reply.trim(), exact + 1) < 0) return choiceLetter(exact);
  const matched = texts
    .map((choice, index) => ({ choice, index }))
    .filter(({ choice }) => choice !== "" && reply.includes(` ${choice} `));
  const maximal = matched.filter(
    ({ choice }) => !matched.some((other) => other.choice !== choice && other.choice.includes(choice)),
  );
  return maximal.length === 1 ? choiceLetter(maximal[0]!.index) : undefined;
}

/**
 * The final answer of a free-form reply: what follows the last "ANSWER:" (markdown emphasis
 * removed), else the whole reply trimmed.
 */
export function extractFinalAnswer(text: string): string {
  const matches = [...text.matchAll(/^[\s*_#>]*(?:final\s+)?answer[\s*_]*:[\s*_]*(.+?)[\s*_]*$/gim)];
  const last = matches.at(-1)?.[1];
  return last !== undefined && last.trim() !== "" ? last.trim() : text.trim();
}
