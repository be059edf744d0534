import type { Usage } from "../model.ts";

/** A model's list price in USD per million tokens. */
export interface Price {
  inputPerMillion: number;
  outputPerMillion: number;
}

/** Prices by model name (without the `provider:` prefix). */
export type PriceTable = Record<string, Price>;

/**
 * A few list prices as the vendors published them in 2025, so that costs show up without set-up.
 * Prices change: pass your own table (`resolveProvider(…, { prices })`) to override or extend it.
 * Models not listed get no cost rather than a guessed one.
 */
export const DEFAULT_PRICES: PriceTable = {
  "gpt-4o": { inputPerMillion: 2.5, outputPerMillion: 10 },
  "gpt-4o-mini": { inputPerMillion: 0.15, outputPerMillion: 0.6 },
  "gpt-4.1": { inputPerMillion: 2, outputPerMillion: 8 },
  "gpt-4.1-mini": { inputPerMillion: 0.4, outputPerMillion: 1.6 },
  "gpt-4.1-nano": { inputPerMillion: 0.1, outputPerMillion: 0.4 },
  "claude-3-5-haiku": { inputPerMillion: 0.8, outputPerMillion: 4 },
  "claude-3-7-sonnet": { inputPerMillion: 3, outputPerMillion: 15 },
  "claude-sonnet-4": { inputPerMillion: 3, outputPerMillion: 15 },
  "claude-opus-4": { inputPerMillion: 15, outputPerMillion: 75 },
};

// A dated snapshot or alias of a listed model costs the same: `gpt-4o-2024-08-06`, `claude-sonnet-4-20250514`, `…-latest`.
const SNAPSHOT_SUFFIX = /^-(\d{4}-?\d{2}-?\d{2}|latest)$/;

/** The price of `model`: an exact entry, or the entry it is a dated snapshot of. */
export function priceFor(table: PriceTable, model: string): Price | undefined {
  if (Object.hasOwn(table, model)) return table[model];
  for (const [name, price] of Object.entries(table)) {
    if (model.startsWith(name) && SNAPSHOT_SUFFIX.test(model.slice(name.length))) return price;
  }
  return undefined;
}

/** The cost of one call in USD. */
export function costOf(usage: Usage, price: Price): number {
  return (usage.inputTokens * price.inputPerMillion + usage.outputTokens * price.outputPerMillion) / 1_000_000;
}
