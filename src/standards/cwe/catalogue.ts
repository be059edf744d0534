/**
 * The embedded CWE catalogue (view 1000, Research Concepts): name, abstraction, status and
 * parents of every weakness, so an advisory can name its CWE without I/O.
 */
import type { CweAbstraction, CweStatus } from "./cwe-csv.ts";
import { CWE_ROWS, CWE_VERSION } from "./cwe-data.ts";
import { type CweId, cweNumber, parseCweId } from "./cwe-id.ts";

/** One weakness of the catalogue. */
export interface CweEntry {
  id: CweId;
  /** The number of `id`. */
  number: number;
  name: string;
  abstraction: CweAbstraction;
  status: CweStatus;
  /** `ChildOf` parents in view 1000, the primary parent first; empty for the ten pillars. */
  parents: readonly CweId[];
  /** Whether the weakness is a member of view 699 (Software Development). */
  inSoftwareDevelopmentView: boolean;
}

/** The CWE content version of the embedded catalogue (e.g. "4.14"). */
export const CWE_CATALOGUE_VERSION: string = CWE_VERSION;

let index: ReadonlyMap<number, CweEntry> | undefined;

/** Build the lookup on first use, so importing the module costs nothing. */
function catalogue(): ReadonlyMap<number, CweEntry> {
  if (index) return index;
  const map = new Map<number, CweEntry>();
  for (const [number, name, abstraction, status, parents, inSoftwareDevelopmentView] of CWE_ROWS) {
    map.set(number, {
      id: `CWE-${number}`,
      number,
      name,
      abstraction,
      status,
      parents: parents.map((parent): CweId => `CWE-${parent}`),
      inSoftwareDevelopmentView,
    });
  }
  index = map;
  return map;
}

/** Resolve a number or identifier string (`CWE-79`, leniently also `cwe-79` or `79`) to its number. */
function numberOf(id: CweId | number | string): number | undefined {
  if (typeof id === "number") return Number.isInteger(id) ? id : undefined;
  const parsed = parseCweId(id, { lenient: true });
  return parsed.ok ? cweNumber(parsed.value) : undefined;
}

/** The catalogue entry for a weakness, or undefined when the catalogue does not hold it (categories, views, unknown ids). */
export function cweEntry(id: CweId | number | string): CweEntry | undefined {
  const number = numberOf(id);
  return number === undefined ? undefined : catalogue().get(number);
}

/** The weakness name, e.g. "Improper Neutralization of Input During Web Page Generation ('Cross-site Scripting')". */
export function cweName(id: CweId | number | string): string | undefined {
  return cweEntry(id)?.name;
}

/** `CWE-79: <name>` when the catalogue knows the id, else the canonical id alone (or undefined for a bad id). */
export function cweLabel(id: CweId | number | string): string | undefined {
  const number = numberOf(id);
  if (number === undefined) return undefined;
  const entry = catalogue().get(number);
  return entry ? `${entry.id}: ${entry.name}` : `CWE-${number}`;
}

/**
 * The chain of primary parents from a weakness up to its pillar, nearest first
 * (CWE-79 → CWE-74, CWE-707). Empty for a pillar or an unknown id.
 */
export function cweAncestors(id: CweId | number | string): CweId[] {
  const chain: CweId[] = [];
  const seen = new Set<number>();
  let entry = cweEntry(id);
  while (entry && entry.parents.length > 0) {
    const parent = catalogue().get(cweNumber(entry.parents[0]!));
    // The CWE graph is a DAG, but guard against a cycle in hand-edited data anyway.
    if (!parent || seen.has(parent.number)) break;
    seen.add(parent.number);
    chain.push(parent.id);
    entry = parent;
  }
  return chain;
}

/** Every weakness in the catalogue, by ascending number. */
export function cweEntries(): CweEntry[] {
  return [...catalogue().values()];
}
