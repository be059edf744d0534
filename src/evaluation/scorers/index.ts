/** Scorers: plain async functions judging a solver's answer against a sample (Inspect's scorer role). */
export { choiceMatch } from "./choice-match.ts";
export { type CodeBlock, extractCodeBlocks, guessLanguage, languageFromTag } from "./code-blocks.ts";
export { type FlagMatchOptions, flagCandidates, flagMatch, hashFlag, normaliseFlag } from "./flag-match.ts";
export { parseGrade, parseScore, type Verdict } from "./grade-parsing.ts";
export { type IncludesOptions, includes } from "./includes.ts";
export { type InsecureCodeOptions, type InsecureFinding, insecureCode, scanCode } from "./insecure-code.ts";
export { modelGradedRubric, type RubricOptions, rubricPrompt } from "./model-graded-rubric.ts";
export { type RefusalOptions, refusal, refusalPrompt } from "./refusal.ts";
export { classifyRefusal, type RefusalLabel } from "./refusal-patterns.ts";
export { ScorerError } from "./scorer-error.ts";
