import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import type { Observation } from "./observation.ts";
import { comparePaired } from "./paired-comparison.ts";
import { mcnemarExact, signFlipTest } from "./paired-tests.ts";
import { passAtK, passAtKEstimate } from "./pass-at-k.ts";
import { seededRandom } from "./prng.ts";

const close = (actual: number, expected: number, tolerance = 1e-9) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} is not within ${tolerance} of ${expected}`);

/** C(n, k) by the multiplicative formula, exact for the small values the tests use. */
function choose(n: number, k: number): number {
  let result = 1;
  for (let i = 1; i <= k; i++) result = (result * (n - k + i)) / i;
  return result;
}

describe("pass@k", () => {
  it("matches hand-computed values", () => {
    close(passAtK(10, 1, 1), 0.1);
    close(passAtK(5, 2, 1), 0.4);
    close(passAtK(10, 3, 2), 1 - 21 / 45);
    close(passAtK(10, 5, 5), 1 - 1 / 252);
    close(passAtK(200, 1, 100), 0.5);
    assert.equal(passAtK(10, 0, 5), 0);
    assert.equal(passAtK(10, 6, 5), 1);
  });

  it("equals 1 − C(n−c,k)/C(n,k) and rises with k and c (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.nat(), fc.nat(), (n, cRaw, kRaw) => {
        const c = cRaw % (n + 1);
        const k = (kRaw % n) + 1;
        const value = passAtK(n, c, k);
        close(value, 1 - (n - c >= k ? choose(n - c, k) / choose(n, k) : 0), 1e-9);
        if (k < n) assert.ok(passAtK(n, c, k + 1) >= value - 1e-12);
        if (c < n) assert.ok(passAtK(n, c + 1, k) >= value - 1e-12);
      }),
    );
  });

  it("stays finite where the binomial coefficients overflow", () => {
    const value = passAtK(2000, 700, 500);
    assert.ok(Number.isFinite(value) && value > 0.999_999);
    close(passAtK(5000, 1, 1), 1 / 5000, 1e-15);
  });

  it("summarises a set of problems from their attempts", () => {
    const attempts: Observation[] = [
      ...[1, 0, 0, 0].map((value) => ({ id: "p1", value })),
      ...[0, 0, 0, 0].map((value) => ({ id: "p2", value })),
    ];
    const result = passAtKEstimate(attempts, 2);
    close(result.mean, (1 - choose(3, 2) / choose(4, 2)) / 2);
    assert.equal(result.n, 2);
    assert.throws(() => passAtKEstimate(attempts, 5), /fewer than k = 5/);
    assert.throws(() => passAtK(3, 4, 1), RangeError);
  });
});

describe("McNemar exact test", () => {
  it("matches hand-computed binomial tails", () => {
    // b = 8, c = 2: 2 · (1 + 10 + 45) / 1024.
    close(mcnemarExact(8, 2), 0.109375);
    close(mcnemarExact(2, 8), 0.109375);
    close(mcnemarExact(0, 5), 2 / 32);
    assert.equal(mcnemarExact(3, 3), 1);
    assert.equal(mcnemarExact(0, 0), 1);
  });

  it("stays accurate for thousands of discordant pairs", () => {
    const p = mcnemarExact(2000, 2200);
    assert.ok(p > 0 && p < 0.01);
    close(mcnemarExact(2000, 2000), 1);
  });
});

describe("sign-flip test", () => {
  it("enumerates every sign assignment when few units differ", () => {
    // ±1 ±2 ±3: |sum| ≥ 6 in 2 of 8 assignments.
    assert.deepEqual(signFlipTest([1, 2, 3, 0], seededRandom(0)), { p: 0.25, exact: true });
    assert.deepEqual(signFlipTest([0, 0], seededRandom(0)), { p: 1, exact: true });
  });

  it("samples assignments, repeatably, when many units differ", () => {
    const differences = Array.from({ length: 40 }, (_, i) => (i % 4 === 0 ? -0.5 : 0.5));
    const a = signFlipTest(differences, seededRandom(5), { draws: 2000 });
    assert.equal(a.exact, false);
    assert.deepEqual(signFlipTest(differences, seededRandom(5), { draws: 2000 }), a);
    assert.ok(a.p > 0 && a.p < 0.05);
  });
});

describe("paired comparison", () => {
  const run = (values: number[], prefix = "s"): Observation[] =>
    values.map((value, i) => ({ id: `${prefix}${i}`, value }));

  it("pairs by sample id, reports the difference, its paired SE, and McNemar for 0/1 scores", () => {
    const candidate = run([1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 0]);
    const reference = run([0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 0]);
    const result = comparePaired(candidate, reference);
    assert.equal(result.n, 12);
    close(result.difference, 4 / 12);
    assert.equal(result.test, "mcnemar-exact");
    assert.deepEqual(result.discordant, { candidateOnly: 6, referenceOnly: 2 });
    close(result.p, mcnemarExact(6, 2));
    // differences: six +1, two −1, four 0: mean ⅓, s² = (6·(⅔)² + 2·(4/3)² + 4·(⅓)²)/11.
    const variance = (6 * (2 / 3) ** 2 + 2 * (4 / 3) ** 2 + 4 * (1 / 3) ** 2) / 11;
    close(result.stderr, Math.sqrt(variance / 12));
    close(result.ci95[1] - result.ci95[0], 2 * 1.959963984540054 * result.stderr);
  });

  it("lists samples scored in one run only and leaves them out", () => {
    const result = comparePaired([...run([1, 0]), { id: "extra", value: 1 }], run([1, 1]));
    assert.deepEqual(result.unpaired, { candidateOnly: ["extra"], referenceOnly: [] });
    assert.equal(result.n, 2);
  });

  it("averages epochs and permutes whole clusters when scores are not independent 0/1", () => {
    const candidate = [
      { id: "a", value: 1, cluster: "t1" },
      { id: "a", value: 0, cluster: "t1" },
      { id: "b", value: 1, cluster: "t1" },
      { id: "c", value: 1, cluster: "t2" },
      { id: "d", value: 1, cluster: "t3" },
    ];
    const reference = [
      { id: "a", value: 0, cluster: "t1" },
      { id: "b", value: 0, cluster: "t1" },
      { id: "c", value: 0, cluster: "t2" },
      { id: "d", value: 1, cluster: "t3" },
    ];
    const result = comparePaired(candidate, reference);
    assert.equal(result.test, "sign-flip-exact");
    close(result.candidateMean, (0.5 + 1 + 1 + 1) / 4);
    close(result.difference, (0.5 + 1 + 1 + 0) / 4);
    // Cluster sums 1.5 (t1), 1 (t2), 0 (t3): |±1.5 ±1| ≥ 2.5 in 2 of 4 assignments.
    close(result.p, 0.5);
  });

  it("refuses runs with no sample in common", () => {
    assert.throws(() => comparePaired(run([1], "a"), run([1], "b")), /no sample in common/);
  });
});
