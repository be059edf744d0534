import { readdir } from "node:fs/promises";
import { basename, join } from "node:path";
import { parse, YAMLParseError } from "yaml";
import { DatasetError } from "./dataset-error.ts";
import { ItemReader, kindOf } from "./item-reader.ts";
import { readText } from "./read-json.ts";

/** The language name of the rules that apply to code in every language (secrets, keys). */
export const ANY_LANGUAGE = "any";

/** One regex rule of CyberSecEval's insecure-code detector. */
export interface InsecureCodeRule {
  /** The rule's pattern_id, e.g. `insecure-md5-hash-usage` or `ALL-R-009`. */
  id: string;
  /** e.g. `CWE-328`. */
  cwe: string;
  description: string;
  severity: string;
  /** The file's language (`python`, `c`, `objective_c`, …), or `any` for language_agnostic.yaml. */
  language: string;
  /** Compiled with the global flag, so a scan can report every match. */
  pattern: RegExp;
}

/**
 * Loads every `<language>.yaml` in a folder of CyberSecEval insecure-code regex rules (a YAML list of
 * {cwe_id, description, rule, severity, pattern_id}; an empty file is allowed). Rules are Python
 * regular expressions; the few Python-only forms are translated, and a rule that still does not compile
 * is a `DatasetError` naming file, index and field.
 */
export async function loadInsecureCodeRules(dir: string): Promise<InsecureCodeRule[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith(".yaml")).sort();
  } catch (error) {
    throw new DatasetError(dir, {}, undefined, `cannot read rules folder (${(error as NodeJS.ErrnoException).code})`);
  }
  if (names.length === 0) throw new DatasetError(dir, {}, undefined, "no .yaml rule files");
  const rules: InsecureCodeRule[] = [];
  for (const name of names) rules.push(...(await loadRuleFile(join(dir, name))));
  return rules;
}

async function loadRuleFile(file: string): Promise<InsecureCodeRule[]> {
  const stem = basename(file, ".yaml");
  const language = stem === "language_agnostic" ? ANY_LANGUAGE : stem;
  let parsed: unknown;
  try {
    parsed = parse(await readText(file));
  } catch (error) {
    if (!(error instanceof YAMLParseError)) throw error;
    throw new DatasetError(file, { line: error.linePos?.[0].line }, undefined, `not valid YAML (${error.code})`);
  }
  if (parsed === null) return [];
  if (!Array.isArray(parsed))
    throw new DatasetError(file, {}, undefined, `expected a list of rules, got ${kindOf(parsed)}`);
  return parsed.map((raw, index) => {
    const item = new ItemReader(file, { index }, raw);
    const cwe = item.string("cwe_id").trim();
    if (!/^CWE-\d+$/.test(cwe)) throw item.fail("cwe_id", `expected CWE-<number>, got ${JSON.stringify(cwe)}`);
    let pattern: RegExp;
    try {
      pattern = pythonRegex(item.string("rule"));
    } catch (error) {
      throw item.fail("rule", `does not compile (${(error as Error).message})`);
    }
    return {
      id: item.text("pattern_id"),
      cwe,
      description: item.string("description").trim(),
      severity: item.optionalString("severity") ?? "Warning",
      language,
      pattern,
    };
  });
}

/**
 * Compiles a Python `re` pattern as a JavaScript RegExp. The syntax differs in a few places: named
 * groups `(?P<n>…)` and back-references `(?P=n)`, and leading inline flags `(?i)`, `(?s)`, `(?m)`,
 * which JavaScript only takes as RegExp flags.
 */
export function pythonRegex(source: string): RegExp {
  let body = source.replace(/\(\?P</g, "(?<").replace(/\(\?P=(\w+)\)/g, "\\k<$1>");
  let flags = "g";
  const inline = /^\(\?([ims]+)\)/.exec(body);
  if (inline?.[1]) {
    flags += [...new Set(inline[1])].join("");
    body = body.slice(inline[0].length);
  }
  return new RegExp(body, flags);
}
