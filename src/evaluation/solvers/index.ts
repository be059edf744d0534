/** Solvers: prompting strategies and the tool-using agent (Inspect's solver role). */
export { CHAIN_OF_THOUGHT_SUFFIX, chainOfThought } from "./chain-of-thought.ts";
export { choiceLetter, extractChoice, extractFinalAnswer } from "./extract-choice.ts";
export { generate } from "./generate.ts";
export { callModel, modelCallKey, sampleMessages } from "./model-call.ts";
export { type MultipleChoiceOptions, multipleChoice, multipleChoicePrompt } from "./multiple-choice.ts";
export { DEFAULT_AGENT_PROMPT, type ReactAgentOptions, reactAgent } from "./react-agent.ts";
