/**
 * Contract between each standard's `*.conformance.ts` harness and `npm run conformance`.
 * Harnesses read the public suites from disk (the library itself never does I/O).
 */

export interface SuiteOutcome {
  total: number;
  passed: number;
  failed: number;
  /** The first failures (id and reason), for the console; not written to the report. */
  failures: string[];
}

export interface ConformanceSuite {
  /** Stable name in conformance-report.json, e.g. `cvss-4.0`, `versions-pypi`, `csaf-2.0-mandatory`. */
  suite: string;
  /** Required suites must pass every case; `npm run conformance` exits non-zero otherwise. */
  required: boolean;
  /** `dir` is the conformance data root (default `../shared/conformance`). */
  run(dir: string): Promise<SuiteOutcome>;
}

/** Helper for harnesses: count a case and remember a bounded number of failures. */
export class SuiteTally {
  total = 0;
  passed = 0;
  readonly failures: string[] = [];

  check(id: string, passed: boolean, reason = ""): void {
    this.total += 1;
    if (passed) this.passed += 1;
    else if (this.failures.length < 20) this.failures.push(reason ? `${id}: ${reason}` : id);
  }

  outcome(): SuiteOutcome {
    return { total: this.total, passed: this.passed, failed: this.total - this.passed, failures: this.failures };
  }
}
