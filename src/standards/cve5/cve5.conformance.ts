/**
 * CVE JSON 5 conformance (`cve-5`): the CVE Program's published examples validate and round-trip.
 * `full-record-*` files are whole records; `cnaContainer-*` files wrap one CNA container in
 * `{ "cnaContainer": … }` and are checked against the published or rejected container definition.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { type ConformanceSuite, SuiteTally } from "../conformance-suite.ts";
import { emitCveJson, parseCveJson, validateCveContainer, validateCveRecord } from "./index.ts";

function checkRecord(text: string): string {
  const parsed = parseCveJson(text);
  if (!parsed.ok) return `${parsed.error.code}: ${parsed.error.message}`;
  if (!validateCveRecord(parsed.value).valid) return "record fails validation";
  const emitted = emitCveJson(parsed.value);
  const again = parseCveJson(emitted);
  if (!again.ok || !isDeepStrictEqual(again.value, parsed.value)) return "emit/parse changed the record";
  return emitCveJson(again.value) === emitted ? "" : "emit is not stable";
}

function checkContainer(text: string): string {
  const wrapper = JSON.parse(text) as { cnaContainer?: unknown };
  const report = validateCveContainer(wrapper.cnaContainer);
  if (!report.valid) return `${report.errors[0]?.code}: ${report.errors[0]?.message}`;
  const again = JSON.parse(emitCveJson(wrapper));
  return isDeepStrictEqual(again, wrapper) ? "" : "emit/parse changed the container";
}

/** The CVE JSON 5 suite (required). */
export const suites: ConformanceSuite[] = [
  {
    suite: "cve-5",
    required: true,
    async run(dir) {
      const tally = new SuiteTally();
      const folder = path.join(dir, "cve-5");
      const examples = (await readdir(folder))
        .filter((name) => /^(full-record|cnaContainer)-.*\.json$/.test(name))
        .sort();
      for (const name of examples) {
        const text = await readFile(path.join(folder, name), "utf8");
        const reason = name.startsWith("full-record") ? checkRecord(text) : checkContainer(text);
        tally.check(name, reason === "", reason);
      }
      return tally.outcome();
    },
  },
];
