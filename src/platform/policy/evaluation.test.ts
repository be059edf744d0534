import assert from "node:assert/strict";
import { test } from "node:test";
import type { OrgKind, Principal } from "../identity/model.ts";
import { canListEvaluationRuns, canReadRunResults, canReadRunTranscripts } from "./evaluation.ts";

const principal = (
  kind: OrgKind,
  roles: string[],
  orgId = `org_${kind}`,
  scopes: string[] | null = null,
): Principal => ({
  userId: "usr_1",
  email: "someone@example.test",
  displayName: "Someone",
  org: { id: orgId, name: kind, kind, sectors: [] },
  roles,
  clearance: "none",
  scopes,
});

const plainRun = { engagementId: null, developerOrgId: null };
const engagementRun = { engagementId: "eng_1", developerOrgId: "org_aurora" };

test("evaluation staff list runs and read every run's results and transcripts", () => {
  for (const role of ["evaluator", "benchmark_custodian", "determination_official", "admin"]) {
    const p = principal("government", [role]);
    assert.ok(canListEvaluationRuns(p).allow, role);
    for (const run of [plainRun, engagementRun]) {
      assert.ok(canReadRunResults(p, run).allow, role);
      assert.ok(canReadRunTranscripts(p, run).allow, role);
    }
  }
});

test("coordinators, vendors, operators and researchers read no run", () => {
  for (const p of [
    principal("government", ["coordinator"]),
    principal("vendor", ["psirt"]),
    principal("operator", ["security"]),
    principal("researcher", ["reporter"]),
  ]) {
    assert.equal(canListEvaluationRuns(p).allow, false);
    assert.equal(canReadRunResults(p, engagementRun).allow, false);
    assert.equal(canReadRunTranscripts(p, engagementRun).allow, false);
  }
});

test("a developer reads the aggregates of an engagement run of its own model, never transcripts", () => {
  const aurora = principal("ai_developer", ["liaison"], "org_aurora");
  assert.equal(canListEvaluationRuns(aurora).allow, false);
  assert.ok(canReadRunResults(aurora, engagementRun).allow);
  const transcripts = canReadRunTranscripts(aurora, engagementRun);
  assert.equal(transcripts.allow, false);
  assert.match(transcripts.allow ? "" : transcripts.reason, /government evaluation staff/);
  assert.equal(canReadRunResults(aurora, plainRun).allow, false, "not outside an engagement");
  const northwind = principal("ai_developer", ["liaison"], "org_northwind");
  assert.equal(canReadRunResults(northwind, engagementRun).allow, false, "not another developer's engagement");
});

test("an API token needs the read scope", () => {
  const writer = principal("government", ["evaluator"], "org_nsa", ["write"]);
  assert.equal(canListEvaluationRuns(writer).allow, false);
  assert.equal(canReadRunResults(writer, plainRun).allow, false);
  assert.ok(canListEvaluationRuns(principal("government", ["evaluator"], "org_nsa", ["read"])).allow);
});
