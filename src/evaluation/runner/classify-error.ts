import { LeaseLostError, WorkerStoppingError } from "../../platform/queue/index.ts";
import { ProviderError } from "../model.ts";
import { SandboxError } from "../sandbox/sandbox-error.ts";
import { ScorerError } from "../scorers/scorer-error.ts";
import type { ErrorKind } from "./store.ts";

/**
 * How a failed (sample, epoch) is recorded. `retry` errors are worth another attempt (the queue backs
 * off between them) until the run's attempts are used up; none of them is ever scored as a miss.
 * Undefined: not the sample's failure at all (the worker lost its lease or is stopping), so the
 * queue hands the job to another attempt without recording anything.
 */
export function classifyError(error: unknown): { kind: ErrorKind; retry: boolean; message: string } | undefined {
  if (error instanceof LeaseLostError || error instanceof WorkerStoppingError) return undefined;
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof ProviderError) {
    // A malformed request or a filtered answer is the model's (or its API's) doing and will not change.
    if (error.kind === "bad_request" || error.kind === "content_filter")
      return { kind: "model", retry: false, message };
    return { kind: "infrastructure", retry: true, message: `${error.kind}: ${message}` };
  }
  if (error instanceof SandboxError)
    return { kind: "infrastructure", retry: true, message: `sandbox ${error.code}: ${message}` };
  if (error instanceof ScorerError) return { kind: "scorer", retry: false, message };
  // Anything else is a fault of this machine or of the task's code, not of the model.
  return { kind: "infrastructure", retry: true, message };
}
