/** The bubblewrap sandbox and the agent tools that run in it. */
export { createSandbox, type ExecOptions, type ExecResult, Sandbox, type SandboxOptions } from "./sandbox.ts";
export { DEFAULT_SANDBOX_LIMITS, type SandboxLimits } from "./sandbox-argv.ts";
export { SandboxError, type SandboxErrorCode } from "./sandbox-error.ts";
export {
  createSandboxToolBox,
  type SandboxToolBoxOptions,
  type SandboxToolName,
  sandboxToolDefinition,
} from "./tools.ts";
