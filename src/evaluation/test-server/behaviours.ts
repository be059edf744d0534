import type { Script, ScriptedReply, TestRequest } from "./scripted-reply.ts";

/**
 * Built-in scripted behaviours of the aicc OpenAI-compatible TEST server, for the solver, scorer and
 * runner tests: a multiple-choice answerer and an agent that issues a fixed sequence of tool calls.
 * Both are stateless (they read the conversation in the request), so a retried or resumed request
 * gets the same reply as the first one did.
 */

const lastUserText = (request: TestRequest) => request.messages.findLast((m) => m.role === "user")?.content ?? "";

export interface MultipleChoiceOptions {
  /** The letter to answer when no answer key matches (default `A`). */
  letter?: string;
  /** The correct letter per question: the first key found in the last user message wins. */
  answerKey?: Record<string, string>;
  /** How the letter is written (default `ANSWER: X`, the format multiple-choice prompts ask for). */
  format?: (letter: string) => string;
}

/** Answers a multiple-choice question with a fixed letter, or the correct one from an answer key. */
export function answerMultipleChoice(options: MultipleChoiceOptions = {}): Script {
  const format = options.format ?? ((letter: string) => `ANSWER: ${letter}`);
  const keys = Object.entries(options.answerKey ?? {});
  return (request) => {
    const question = lastUserText(request);
    const letter = keys.find(([fragment]) => question.includes(fragment))?.[1] ?? options.letter ?? "A";
    return format(letter);
  };
}

/** What the agent knows when it builds a step: the output of the last tool call it made. */
export interface AgentStepContext {
  lastToolOutput: string;
  request: TestRequest;
}

/** One turn of a scripted agent: some text and/or one tool call. */
export interface AgentStep {
  text?: string;
  tool?: {
    name: string;
    arguments: Record<string, unknown> | ((ctx: AgentStepContext) => Record<string, unknown>);
  };
}

/** Steps for the tools the engine's agents use (argument names as Inspect's bash/python/submit take them). */
export const agentStep = {
  /** Runs a shell command with the `bash` tool. */
  bash: (command: string, argument = "cmd"): AgentStep => ({
    tool: { name: "bash", arguments: { [argument]: command } },
  }),
  /** Runs code with the `python` tool. */
  python: (code: string, argument = "code"): AgentStep => ({
    tool: { name: "python", arguments: { [argument]: code } },
  }),
  /** Submits a fixed answer with the `submit` tool. */
  submit: (answer: string, argument = "answer"): AgentStep => ({
    tool: { name: "submit", arguments: { [argument]: answer } },
  }),
  /**
   * Submits what `pattern` matches in the previous tool output (e.g. `/flag\{[^}]*\}/`), or an empty
   * answer when nothing matches: a wrong flag, as a real agent that missed it would submit.
   */
  submitMatch: (pattern: RegExp, argument = "answer"): AgentStep => ({
    tool: {
      name: "submit",
      arguments: ({ lastToolOutput }) => ({ [argument]: pattern.exec(lastToolOutput)?.[0] ?? "" }),
    },
  }),
  /** Replies with text only (ends a ReAct loop that stops on a turn without tool calls). */
  say: (text: string): AgentStep => ({ text }),
};

/**
 * An agent that plays `steps` in order: step n answers the request that already holds n assistant
 * turns. After the last step it says `finalText` (default "I have nothing more to do.").
 */
export function scriptedAgent(steps: AgentStep[], options: { finalText?: string } = {}): Script {
  return (request): ScriptedReply => {
    const turn = request.messages.filter((m) => m.role === "assistant").length;
    const step = steps[turn];
    if (!step) return { content: options.finalText ?? "I have nothing more to do." };
    if (!step.tool) return { content: step.text ?? "" };
    const lastToolOutput = request.messages.findLast((m) => m.role === "tool")?.content ?? "";
    const args =
      typeof step.tool.arguments === "function"
        ? step.tool.arguments({ lastToolOutput, request })
        : step.tool.arguments;
    return { content: step.text ?? "", toolCalls: [{ name: step.tool.name, arguments: args }] };
  };
}
