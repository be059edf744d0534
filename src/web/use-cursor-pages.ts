import { useCallback, useEffect, useState } from "react";
import { errorText } from "./use-loaded.ts";

/** One page of a cursor-paged list, as every list route of the API answers. */
export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * A cursor-paged list: loads the first page on mount and whenever `fetchPage` changes (memoise it
 * with useCallback over its filters), and `more()` appends the next page. `items` is null until the
 * first page arrives; `error` says why the last load failed.
 */
export function useCursorPages<T>(fetchPage: (cursor: string | null) => Promise<CursorPage<T>>) {
  const [items, setItems] = useState<T[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    async (cursor: string | null) => {
      setLoading(true);
      try {
        const page = await fetchPage(cursor);
        setItems((current) => (cursor && current ? [...current, ...page.items] : page.items));
        setNextCursor(page.nextCursor);
        setError(null);
      } catch (caught) {
        setError(errorText(caught));
      } finally {
        setLoading(false);
      }
    },
    [fetchPage],
  );

  useEffect(() => {
    void load(null);
  }, [load]);

  const more = useCallback(() => void load(nextCursor), [load, nextCursor]);
  return { items, nextCursor, loading, error, more };
}
