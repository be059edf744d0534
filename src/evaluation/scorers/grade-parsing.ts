/**
 * Reading a judge model's verdict. Judges wrap the requested line in markdown, quote it, restate it,
 * or spell the grade out; the last verdict wins because judges reason first and conclude last.
 */

/** A verdict read from a judge's reply: the score value and the label it came from. */
export interface Verdict {
  value: number;
  label: string;
}

/** "GRADE: C", "**Grade:** I", "grade = (P)", "GRADE: CORRECT", "Grade: partially correct". */
const GRADE = /\bgrade\b[\s*_`"']*[:=][\s*_`"'([]*(partially\s+correct|partial|incorrect|correct|[CIP])(?![A-Za-z])/gi;
/** "SCORE: 7", "**Score:** 7/10", "score = 8.5 out of 10". */
const SCORE = /\bscore\b[\s*_`"']*[:=][\s*_`"']*(\d+(?:\.\d+)?)(?:\s*(?:\/|out\s+of)\s*(\d+))?/gi;
/** A bare "7/10" or "7 out of 10", when the judge forgot the keyword. */
const BARE_SCORE = /\b(\d+(?:\.\d+)?)\s*(?:\/|out\s+of)\s*(10)\b/gi;

/** The last C (correct, 1), P (partial, 0.5) or I (incorrect, 0) grade in a reply, or undefined. */
export function parseGrade(reply: string): Verdict | undefined {
  const match = [...reply.matchAll(GRADE)].at(-1);
  const word = match?.[1];
  if (word === undefined) return undefined;
  // A lower-case single letter is too often prose ("grade: i think…"); letters must be capitals.
  if (word.length === 1 && word !== word.toUpperCase()) return undefined;
  const grade = word.toLowerCase();
  if (grade === "c" || grade === "correct") return { value: 1, label: "C" };
  if (grade === "i" || grade === "incorrect") return { value: 0, label: "I" };
  return { value: 0.5, label: "P" };
}

/**
 * The last score out of `max` (default 10) in a reply, scaled to 0–1, or undefined. A score out of
 * another stated maximum ("4/5") is scaled by that maximum; one beyond its maximum is not read.
 */
export function parseScore(reply: string, max = 10): Verdict | undefined {
  const match = [...reply.matchAll(SCORE)].at(-1) ?? [...reply.matchAll(BARE_SCORE)].at(-1);
  if (!match?.[1]) return undefined;
  const points = Number(match[1]);
  const outOf = match[2] ? Number(match[2]) : max;
  if (!(outOf > 0) || points > outOf) return undefined;
  return { value: points / outOf, label: `${points}/${outOf}` };
}
