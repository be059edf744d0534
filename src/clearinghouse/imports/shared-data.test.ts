import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import path from "node:path";
import { before, test } from "node:test";
import type { AppContext } from "../../app/context.ts";
import { projectRoot } from "../../platform/config/config.ts";
import { describeEachEngine } from "../../platform/db/testing.ts";
import { testContext } from "../advisories/testing.ts";

/**
 * The real sets in ../shared that are small enough for a test: the CSAF 2.0 examples and CISA's KEV
 * catalogue must import cleanly, twice (the second time changing nothing). go-vulndb and PyPA are
 * imported in full by bench/clearinghouse-import.ts. Skipped, saying so, without ../shared.
 */
const SHARED = path.join(projectRoot(), "..", "shared");
const CSAF_EXAMPLES = path.join(SHARED, "conformance", "csaf-2.0", "examples", "csaf");
const KEV = path.join(SHARED, "data", "kev", "known_exploited_vulnerabilities.json");
const present = existsSync(CSAF_EXAMPLES) && existsSync(KEV);
if (!present) console.log(`# shared data import test skipped: ${CSAF_EXAMPLES} or ${KEV} is absent`);

describeEachEngine("import of the shared real data", (store) => {
  let ctx: AppContext;
  before(() => {
    ctx = testContext(store());
  });

  test("the CSAF 2.0 examples import cleanly and idempotently", { skip: !present }, async () => {
    const first = await ctx.imports.importPath(null, "csaf", CSAF_EXAMPLES);
    assert.deepEqual(first.problems, []);
    assert.ok(first.created >= 19, `${first.created} created`);
    const again = await ctx.imports.importPath(null, "csaf", CSAF_EXAMPLES);
    assert.equal(again.unchanged, first.created);
  });

  test("the KEV catalogue imports cleanly and idempotently", { skip: !present }, async () => {
    const first = await ctx.imports.importKev(null, KEV);
    assert.deepEqual(first.problems, []);
    assert.ok(first.created > 1000);
    assert.equal((await ctx.advisories.kevFor("CVE-2021-44228"))?.vendor, "Apache");
    const again = await ctx.imports.importKev(null, KEV);
    assert.equal(again.unchanged, first.created);
  });
});
