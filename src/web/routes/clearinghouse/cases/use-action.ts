import { useCallback, useState } from "react";
import { ApiError } from "../../../api.ts";
import type { FieldProblem } from "../../../api-types.ts";
import { errorText } from "../../../use-loaded.ts";

/** What went wrong with one action: the message, and the server's field problems to show by their fields. */
export interface ActionProblem {
  message: string;
  fields: FieldProblem[];
}

/**
 * One case action in flight at a time, with its problem kept for the form to show. `run` answers the
 * call's result, or undefined when it failed (the problem is then set).
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ActionProblem | null>(null);

  const run = useCallback(async <T>(call: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setProblem(null);
    try {
      return await call();
    } catch (error) {
      setProblem({ message: errorText(error), fields: error instanceof ApiError ? error.fields : [] });
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);

  /** The server's message for a field (`endsAt` matches `body.endsAt`), if it named that field. */
  const fieldError = (field: string): string | null =>
    problem?.fields.find((f) => f.field === field || f.field.endsWith(`.${field}`))?.message ?? null;

  return { busy, problem, setProblem, run, fieldError };
}
