/**
 * CWE conformance: every row of MITRE's view exports resolves, through the embedded catalogue,
 * to its name, abstraction, status and parents.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { type ConformanceSuite, SuiteTally } from "../conformance-suite.ts";
import { cweEntry } from "./catalogue.ts";
import { type CweRecord, cweParentsInView, parseCweCsv } from "./cwe-csv.ts";

async function readView(dir: string, view: number): Promise<CweRecord[]> {
  const parsed = parseCweCsv(await readFile(path.join(dir, "cwe", `${view}.csv`), "utf8"));
  if (!parsed.ok) throw new Error(`cwe/${view}.csv: ${parsed.error.code} ${parsed.error.message}`);
  return parsed.value;
}

/** Compare one CSV row with the catalogue; returns the first difference or "" when it matches. */
function difference(record: CweRecord, inView699: boolean): string {
  const entry = cweEntry(record.id);
  if (!entry) return "not in the catalogue";
  if (entry.name !== record.name) return `name "${entry.name}" != "${record.name}"`;
  if (entry.abstraction !== record.abstraction) return `abstraction ${entry.abstraction} != ${record.abstraction}`;
  if (entry.status !== record.status) return `status ${entry.status} != ${record.status}`;
  const parents = cweParentsInView(record, 1000).map((n) => `CWE-${n}`);
  if (entry.parents.join(",") !== parents.join(",")) return `parents ${entry.parents} != ${parents}`;
  if (entry.inSoftwareDevelopmentView !== inView699) return `view 699 membership ${entry.inSoftwareDevelopmentView}`;
  return "";
}

/** Suites `cwe` (view 1000, every weakness) and `cwe-699` (view 699 members). */
export const suites: ConformanceSuite[] = [
  {
    suite: "cwe",
    required: true,
    async run(dir) {
      const tally = new SuiteTally();
      const members699 = new Set((await readView(dir, 699)).map((record) => record.id));
      for (const record of await readView(dir, 1000)) {
        const reason = difference(record, members699.has(record.id));
        tally.check(`CWE-${record.id}`, reason === "", reason);
      }
      return tally.outcome();
    },
  },
  {
    suite: "cwe-699",
    required: true,
    async run(dir) {
      const tally = new SuiteTally();
      for (const record of await readView(dir, 699)) {
        const reason = difference(record, true);
        tally.check(`CWE-${record.id}`, reason === "", reason);
      }
      return tally.outcome();
    },
  },
];
