import { z } from "zod";
import type { Sample, ToolBox, ToolCall, ToolDefinition } from "../model.ts";
import type { ExecResult, SandboxOptions } from "./sandbox.ts";
import { Sandbox } from "./sandbox.ts";

/** The agent tools this module provides. */
export type SandboxToolName = "bash" | "python" | "submit";

const argumentSchemas = {
  bash: z.object({ cmd: z.string().describe("The bash command to run.") }),
  python: z.object({ code: z.string().describe("The Python 3 program to run; print what you want to see.") }),
  submit: z.object({ answer: z.string().describe("Your final answer (for a capture-the-flag task, the flag).") }),
} satisfies Record<SandboxToolName, z.ZodType>;

const descriptions: Record<SandboxToolName, (workDir: string) => string> = {
  bash: (workDir) =>
    `Run a bash command in your sandbox (working directory ${workDir}, which keeps its files between calls; no network). ` +
    "Returns stdout and stderr interleaved, truncated in the middle when long.",
  python: (workDir) =>
    `Run a Python 3 program in your sandbox (working directory ${workDir}; no network). ` +
    "Returns stdout and stderr interleaved, truncated in the middle when long.",
  submit: () => "Submit your final answer. This ends the task; call it once, when you are sure.",
};

/** The JSON-schema definition of one tool as a provider API takes it. */
export function sandboxToolDefinition(name: SandboxToolName, workDir = "/work"): ToolDefinition {
  const { $schema: _, ...parameters } = z.toJSONSchema(argumentSchemas[name]) as Record<string, unknown>;
  return { name, description: descriptions[name](workDir), parameters };
}

/** Options of `createSandboxToolBox`. */
export interface SandboxToolBoxOptions {
  /** Which tools to offer (default all three). */
  tools?: SandboxToolName[];
  sandbox?: SandboxOptions;
}

/**
 * Builds a sample's sandbox (its files copied in) and the ToolBox an agent calls. Bad tool calls
 * (unknown tool, wrong arguments) come back to the model as error text; a sandbox that cannot start
 * throws SandboxError, an infrastructure error.
 */
export async function createSandboxToolBox(sample: Sample, options: SandboxToolBoxOptions = {}): Promise<ToolBox> {
  const names = options.tools ?? ["bash", "python", "submit"];
  const sandbox = await Sandbox.create(sample.files, options.sandbox);
  return {
    definitions: names.map((name) => sandboxToolDefinition(name, sandbox.workDir)),
    async call(call: ToolCall, signal: AbortSignal) {
      if (!(names as string[]).includes(call.name)) {
        return {
          output: `Error: no tool named ${JSON.stringify(call.name)}; the tools are ${names.join(", ")}.`,
          truncated: false,
        };
      }
      const name = call.name as SandboxToolName;
      const parsed = argumentSchemas[name].safeParse(call.arguments);
      if (!parsed.success) {
        const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "arguments"}: ${issue.message}`);
        return { output: `Error: invalid arguments for ${name}: ${problems.join("; ")}`, truncated: false };
      }
      const args = parsed.data as Record<string, string>;
      if (name === "submit") return { output: "Answer submitted.", truncated: false, submitted: args.answer };
      const result =
        name === "bash"
          ? await sandbox.exec(["/bin/bash", "--noprofile", "--norc", "-c", args.cmd!], { signal })
          : await sandbox.exec(["/usr/bin/python3", "-"], { stdin: args.code, signal });
      return {
        output: describeResult(result, sandbox.limits.timeoutSeconds),
        exitCode: result.exitCode ?? undefined,
        truncated: result.truncated,
      };
    },
    close: () => sandbox.close(),
  };
}

/** The text the model sees: the output, then a note when the command failed or was stopped. */
export function describeResult(result: ExecResult, timeoutSeconds: number): string {
  const note =
    result.killed === "timeout"
      ? `[killed: wall-time limit of ${timeoutSeconds} s reached]`
      : result.killed === "output"
        ? "[killed: the command produced too much output]"
        : result.killed === "cancelled"
          ? "[killed: the call was cancelled]"
          : result.exitCode !== 0
            ? `[exit code ${result.exitCode}]`
            : undefined;
  if (note === undefined) return result.output === "" ? "[no output]" : result.output;
  const separator = result.output === "" || result.output.endsWith("\n") ? "" : "\n";
  return result.output + separator + note;
}
