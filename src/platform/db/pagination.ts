import { z } from "zod";

/**
 * Keyset pagination for every list endpoint: `?limit=&cursor=`; the response carries `nextCursor`
 * (null on the last page). Keyset, not offset, so deep pages stay as fast as the first.
 */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(200).optional(),
});
export type PageQuery = z.infer<typeof PageQuery>;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Given `limit + 1` rows, returns the page and the cursor of its last item. */
export function toPage<T>(rows: T[], limit: number, cursorOf: (row: T) => string): Page<T> {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit && items.length > 0 ? cursorOf(items[items.length - 1]!) : null };
}
