import type { Principal } from "../identity/model.ts";
import { ALLOW, allowIf, type Decision, deny } from "./decision.ts";
import { hasAnyRole, isGovernment, tokenAllows } from "./platform.ts";

/**
 * Evaluation questions: who reads evaluation runs, their results and their transcripts. Pure
 * functions of (principal, run); the matrix is in docs/POLICY.md.
 */

/** What the run read rules look at. */
export interface EvaluationRunFacts {
  /** The framework engagement the run belongs to, if any. */
  engagementId: string | null;
  /** The AI developer whose model the engagement evaluates (known only for engagement runs). */
  developerOrgId: string | null;
}

/**
 * Government evaluators, benchmark custodians, determination officials and administrators: the
 * people who run evaluations and decide on their results. Coordinators are not among them: they run
 * the clearinghouse, and transcripts may hold exploit material beyond what a case needs.
 */
function evaluates(p: Principal): boolean {
  return isGovernment(p) && hasAnyRole(p, ["evaluator", "benchmark_custodian", "determination_official", "admin"]);
}

/** The runs list and run comparisons: government evaluation staff, with a `read` token. */
export function canListEvaluationRuns(p: Principal): Decision {
  const scoped = tokenAllows(p, "read");
  if (!scoped.allow) return scoped;
  return allowIf(evaluates(p), "only government evaluation staff see evaluation runs");
}

/**
 * A run's aggregate results (scores, intervals, error counts, tokens): evaluation staff, and the AI
 * developer whose model an engagement run evaluated (the framework shows developers their outcome
 * and aggregates). Unreadable runs answer 404.
 */
export function canReadRunResults(p: Principal, run: EvaluationRunFacts): Decision {
  const scoped = tokenAllows(p, "read");
  if (!scoped.allow) return scoped;
  if (evaluates(p)) return ALLOW;
  if (p.org.kind === "ai_developer" && run.engagementId !== null && run.developerOrgId === p.org.id) return ALLOW;
  return deny("evaluation runs are shared with government evaluation staff and, for engagements, the developer");
}

/**
 * A run's samples, transcripts and downloadable log: evaluation staff only. Developers never see
 * items or transcripts (sealed suites stay sealed), only aggregates through `canReadRunResults`.
 */
export function canReadRunTranscripts(p: Principal, run: EvaluationRunFacts): Decision {
  const results = canReadRunResults(p, run);
  if (!results.allow) return results;
  return allowIf(evaluates(p), "transcripts and samples are for government evaluation staff only");
}
