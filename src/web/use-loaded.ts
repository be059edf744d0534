import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError } from "./api.ts";

/** What a page shows while its data loads: the data, or why it is missing (status 404 = not readable). */
export type Loaded<T> =
  | { kind: "loading" }
  | { kind: "failed"; status: number; message: string }
  | { kind: "ready"; value: T };

export const errorText = (error: unknown): string =>
  error instanceof ApiError ? error.message : "Something went wrong. Try again.";

/**
 * Runs `load` (memoise it with useCallback) on mount and whenever it changes; `reload` runs it again
 * and `replace` sets a value an action already returned. A slower earlier answer never overwrites a
 * later one.
 */
export function useLoaded<T>(load: () => Promise<T>): {
  state: Loaded<T>;
  reload: () => Promise<void>;
  replace: (value: T) => void;
} {
  const [state, setState] = useState<Loaded<T>>({ kind: "loading" });
  const latest = useRef(0);

  const reload = useCallback(async () => {
    const call = ++latest.current;
    try {
      const value = await load();
      if (call === latest.current) setState({ kind: "ready", value });
    } catch (error) {
      if (call !== latest.current) return;
      setState({ kind: "failed", status: error instanceof ApiError ? error.status : 0, message: errorText(error) });
    }
  }, [load]);

  useEffect(() => {
    setState({ kind: "loading" });
    void reload();
  }, [reload]);

  const replace = useCallback((value: T) => {
    latest.current++;
    setState({ kind: "ready", value });
  }, []);

  return { state, reload, replace };
}
