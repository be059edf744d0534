import assert from "node:assert/strict";
import { test } from "node:test";
import { clearinghouseRoute, reportPagePath } from "./paths.ts";

test("clearinghouse paths map to their pages; anything else is not found", () => {
  assert.deepEqual(clearinghouseRoute("/clearinghouse"), { page: "overview" });
  assert.deepEqual(clearinghouseRoute("/clearinghouse/"), { page: "overview" });
  assert.deepEqual(clearinghouseRoute("/clearinghouse/reports/new"), { page: "new-report" });
  assert.deepEqual(clearinghouseRoute("/clearinghouse/reports/rpt_1"), { page: "report", id: "rpt_1" });
  assert.deepEqual(clearinghouseRoute("/clearinghouse/cases"), { page: "cases" });
  assert.deepEqual(clearinghouseRoute("/clearinghouse/cases/case_1/"), { page: "case", id: "case_1" });
  assert.deepEqual(clearinghouseRoute("/clearinghouse/advisories/GHSA-1%3A2"), { page: "advisory", id: "GHSA-1:2" });
  for (const path of ["/clearinghouse/nope", "/clearinghouse/reports/a/b", "/clearinghouse/cases/%E0%A4%A", "/other"])
    assert.deepEqual(clearinghouseRoute(path), { page: "not-found" }, path);
  assert.deepEqual(clearinghouseRoute(reportPagePath("a/b")), { page: "report", id: "a/b" }, "ids round-trip");
});
