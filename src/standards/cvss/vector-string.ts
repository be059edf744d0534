/**
 * The `NAME:VALUE/NAME:VALUE` grammar every CVSS version shares. Each version supplies its metric table
 * (specification order, allowed values), its prefix and whether order is enforced; this file reads and
 * writes vector strings against such a table so the versions differ only in data.
 */
import type { Result } from "../result.ts";
import { fail, ok } from "../result.ts";

/** Allowed values per metric; key order is the specification's vector order. */
export type MetricTable = Readonly<Record<string, readonly string[]>>;

/** One value per metric of a table; optional metrics a vector omits hold the table's "not defined" value. */
export type MetricValues<T extends MetricTable> = { readonly [K in keyof T]: T[K][number] };

/** How one CVSS version writes its vectors. */
export interface VectorGrammar<T extends MetricTable> {
  /** Name used in messages, e.g. `CVSS 4.0`. */
  readonly label: string;
  /** Text before the first metric including its slash (`CVSS:4.0/`), or `""` for CVSS 2.0, which has none. */
  readonly prefix: string;
  /** Metrics in specification order with their allowed values. */
  readonly table: T;
  /** Metrics every vector must carry (the Base group). */
  readonly mandatory: readonly (keyof T & string)[];
  /** Value of an optional metric the vector omits: `X`, or `ND` in CVSS 2.0. */
  readonly notDefined: string;
  /** True when metrics must appear in table order (2.0 and 4.0); 3.x readers must accept any order. */
  readonly ordered: boolean;
}

/** A compiled grammar: reads and writes the vectors of one version. */
export interface VectorCodec<T extends MetricTable> {
  /** Reads a vector string; every metric the table lists is present in the result. */
  parse(vector: string): Result<MetricValues<T>>;
  /** Writes the canonical string: table order, optional metrics only when defined. */
  emit(metrics: MetricValues<T>): string;
}

/** Builds the reader and writer for a grammar; lookups are precomputed once per version. */
export function compileGrammar<T extends MetricTable>(grammar: VectorGrammar<T>): VectorCodec<T> {
  const names = Object.keys(grammar.table);
  const position = new Map(names.map((name, i) => [name, i]));
  const allowed = names.map((name) => new Set(grammar.table[name]));
  const required = names.map((name) => grammar.mandatory.includes(name));
  const mandatory = grammar.mandatory.map((name) => position.get(name)!);
  const { label, prefix, notDefined, ordered } = grammar;
  // Results start as a copy of this template, so every parsed vector of a version has one object shape.
  const template = Object.fromEntries(names.map((name) => [name, notDefined]));
  // Which metrics the vector being read has named; parse is synchronous, so one buffer serves every call.
  const seen = new Uint8Array(names.length);

  function parse(vector: string): Result<MetricValues<T>> {
    if (typeof vector !== "string") return fail("cvss.not_a_string", `a ${label} vector must be a string`);
    if (!vector.startsWith(prefix)) {
      return fail("cvss.missing_prefix", `a ${label} vector must start with "${prefix}"`);
    }
    if (vector.length === prefix.length) {
      return fail("cvss.missing_metric", `${label} vector has no metrics`, grammar.mandatory[0]);
    }
    const metrics: Record<string, string> = { ...template };
    seen.fill(0);
    let last = -1;
    let start = prefix.length;
    while (start <= vector.length) {
      let end = vector.indexOf("/", start);
      if (end < 0) end = vector.length;
      const colon = vector.indexOf(":", start);
      if (colon <= start || colon >= end) {
        const what = end === start ? "an empty metric" : `"${vector.slice(start, end)}", which is not NAME:VALUE`;
        return fail("cvss.malformed", `${label} vector has ${what} at offset ${start}`);
      }
      const name = vector.slice(start, colon);
      const value = vector.slice(colon + 1, end);
      const index = position.get(name);
      if (index === undefined) return fail("cvss.unknown_metric", `"${name}" is not a ${label} metric`, name);
      if (seen[index] === 1) return fail("cvss.duplicate_metric", `metric ${name} appears twice`, name);
      if (ordered && index < last) {
        return fail("cvss.metric_order", `metric ${name} must come before ${names[last]} in a ${label} vector`, name);
      }
      if (!allowed[index]!.has(value)) {
        const choices = grammar.table[name]!.join(", ");
        return fail("cvss.invalid_value", `"${value}" is not a value of ${name} (expected one of ${choices})`, name);
      }
      seen[index] = 1;
      metrics[name] = value;
      last = index;
      start = end + 1;
    }
    for (const i of mandatory) {
      if (seen[i] === 0) return fail("cvss.missing_metric", `mandatory metric ${names[i]} is missing`, names[i]);
    }
    return ok(metrics as MetricValues<T>);
  }

  function emit(metrics: MetricValues<T>): string {
    const parts: string[] = [];
    const values = metrics as Record<string, string>;
    for (let i = 0; i < names.length; i++) {
      const value = values[names[i]!]!;
      if (required[i] || value !== notDefined) parts.push(`${names[i]}:${value}`);
    }
    return prefix + parts.join("/");
  }

  return { parse, emit };
}
