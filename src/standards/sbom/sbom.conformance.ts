/**
 * CycloneDX conformance (`cyclonedx-1.6`): the specification's test BOMs; every `valid-*` file is
 * accepted and every `invalid-*` file rejected. Accepted files also round-trip through the writer.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { type ConformanceSuite, SuiteTally } from "../conformance-suite.ts";
import { emitCycloneDxJson, parseCycloneDxJson } from "./index.ts";

/** The CycloneDX 1.6 suite (required). */
export const suites: ConformanceSuite[] = [
  {
    suite: "cyclonedx-1.6",
    required: true,
    async run(dir) {
      const tally = new SuiteTally();
      const folder = path.join(dir, "cyclonedx-1.6", "tests");
      const files = (await readdir(folder)).filter((name) => /^(valid|invalid)-.*\.json$/.test(name)).sort();
      for (const name of files) {
        const parsed = parseCycloneDxJson(await readFile(path.join(folder, name), "utf8"));
        if (name.startsWith("invalid-")) {
          tally.check(name, !parsed.ok, "accepted an invalid BOM");
          continue;
        }
        if (!parsed.ok) {
          tally.check(name, false, `${parsed.error.code}: ${parsed.error.message}`);
          continue;
        }
        const again = parseCycloneDxJson(emitCycloneDxJson(parsed.value));
        tally.check(name, again.ok && isDeepStrictEqual(again.value, parsed.value), "emit/parse changed the BOM");
      }
      return tally.outcome();
    },
  },
];
