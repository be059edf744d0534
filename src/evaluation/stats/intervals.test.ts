import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { clusteredBootstrap } from "./bootstrap.ts";
import { byCategory } from "./breakdown.ts";
import { clusteredStderr } from "./clustered-stderr.ts";
import { estimate } from "./estimate.ts";
import type { Observation } from "./observation.ts";
import { seededRandom } from "./prng.ts";
import { wilsonInterval } from "./wilson.ts";

const close = (actual: number, expected: number, tolerance = 5e-4) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} is not within ${tolerance} of ${expected}`);

/** Independent binary observations: `correct` ones then the rest. */
const binary = (correct: number, n: number): Observation[] =>
  Array.from({ length: n }, (_, i) => ({ id: `s${i}`, value: i < correct ? 1 : 0 }));

describe("Wilson interval", () => {
  it("matches hand-computed values", () => {
    const [low, high] = wilsonInterval(8, 10);
    close(low, 0.4902);
    close(high, 0.9433);
    // 0/10 and 10/10: one end is exact, the other z²/(n+z²) = 3.8415/13.8415 from it.
    assert.deepEqual(
      wilsonInterval(0, 10).map((x) => Number(x.toFixed(4))),
      [0, 0.2775],
    );
    assert.deepEqual(
      wilsonInterval(10, 10).map((x) => Number(x.toFixed(4))),
      [0.7225, 1],
    );
    const [l2, h2] = wilsonInterval(50, 100);
    close(l2, 0.4038);
    close(h2, 0.5962);
  });

  it("contains the observed proportion and stays inside [0, 1] (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, share) => {
        const successes = Math.round(share * n);
        const [low, high] = wilsonInterval(successes, n);
        assert.ok(low >= 0 && high <= 1 && low <= successes / n && successes / n <= high);
      }),
    );
  });

  it("rejects impossible counts", () => {
    assert.throws(() => wilsonInterval(11, 10), RangeError);
    assert.throws(() => wilsonInterval(0, 0), RangeError);
  });
});

describe("clustered standard error", () => {
  it("equals s/√n when every observation is its own cluster", () => {
    // values 1,1,0,0: mean ½, s² = 1/3, s/√n = √(1/12).
    close(clusteredStderr(binary(2, 4)), Math.sqrt(1 / 12), 1e-12);
  });

  it("widens when scores agree within clusters (hand-computed)", () => {
    // clusters a = {1,1}, b = {0,0}: residual sums +1 and −1; SE² = (2/1) · 2 / 4² = ¼.
    const observations = [
      { id: "1", value: 1, cluster: "a" },
      { id: "2", value: 1, cluster: "a" },
      { id: "3", value: 0, cluster: "b" },
      { id: "4", value: 0, cluster: "b" },
    ];
    close(clusteredStderr(observations), 0.5, 1e-12);
  });

  it("is NaN with a single cluster", () => {
    assert.ok(
      Number.isNaN(
        clusteredStderr([
          { id: "1", value: 1, cluster: "a" },
          { id: "2", value: 0, cluster: "a" },
        ]),
      ),
    );
  });
});

describe("clustered bootstrap", () => {
  const families: Observation[] = Array.from({ length: 60 }, (_, i) => ({
    id: `s${i}`,
    cluster: `family${i % 12}`,
    value: i % 12 < 5 ? 1 : i % 3 === 0 ? 1 : 0,
  }));

  it("is deterministic for a seed and differs between seeds", () => {
    const a = clusteredBootstrap(families, { seed: 7, resamples: 500 });
    const b = clusteredBootstrap(families, { seed: 7, resamples: 500 });
    const c = clusteredBootstrap(families, { seed: 8, resamples: 500 });
    assert.deepEqual(a, b);
    assert.notEqual(a.stderr, c.stderr);
  });

  it("agrees with the clustered CLT standard error on a moderate set", () => {
    const boot = clusteredBootstrap(families, { seed: 1, resamples: 4000 });
    const clt = clusteredStderr(families);
    // The bootstrap omits the G/(G−1) correction: expect √(11/12) of the CLT value, within resampling noise.
    close(boot.stderr, clt * Math.sqrt(11 / 12), 0.01);
    const mean = families.reduce((sum, o) => sum + o.value, 0) / families.length;
    assert.ok(boot.ci95[0] < mean && mean < boot.ci95[1]);
  });

  it("collapses to a point when every cluster scores the same", () => {
    const constant = Array.from({ length: 10 }, (_, i) => ({ id: `s${i}`, value: 1, cluster: `c${i % 3}` }));
    assert.deepEqual(clusteredBootstrap(constant, { resamples: 50 }).ci95, [1, 1]);
  });
});

describe("accuracy", () => {
  it("uses Wilson for independent 0/1 scores", () => {
    const result = estimate(binary(8, 10));
    assert.equal(result.interval, "wilson");
    assert.equal(result.mean, 0.8);
    assert.equal(result.clusters, 10);
    close(result.stderr, Math.sqrt((0.8 * 0.2 * 10) / 9 / 10), 1e-12);
    close(result.ci95[0], 0.4902);
  });

  it("treats epochs of one sample as a cluster and bootstraps them", () => {
    const epochs = [...binary(3, 5), ...binary(3, 5)];
    const result = estimate(epochs, { seed: 3 });
    assert.equal(result.interval, "clustered-bootstrap");
    assert.equal(result.n, 10);
    assert.equal(result.clusters, 5);
  });

  it("uses a normal interval, clipped to [0, 1], for independent partial credit", () => {
    const result = estimate([0.9, 1, 0.95, 1].map((value, i) => ({ id: `s${i}`, value })));
    assert.equal(result.interval, "normal");
    assert.ok(result.ci95[1] <= 1);
  });

  it("rejects scores outside 0..1 and an empty set", () => {
    assert.throws(() => estimate([{ id: "x", value: 2 }]), /within 0\.\.1/);
    assert.throws(() => estimate([]), RangeError);
  });
});

describe("per-category breakdown", () => {
  it("estimates each category, ordered by name, with uncategorised ones together", () => {
    const rows = byCategory([
      { id: "1", value: 1, category: "Recon" },
      { id: "2", value: 0, category: "Recon" },
      { id: "3", value: 1, category: "C2" },
      { id: "4", value: 1 },
    ]);
    assert.deepEqual(
      rows.map((row) => [row.category, row.n, row.mean]),
      [
        ["(none)", 1, 1],
        ["C2", 1, 1],
        ["Recon", 2, 0.5],
      ],
    );
  });
});

describe("seeded PRNG", () => {
  it("repeats its sequence for a seed and fills [0, 1) evenly", () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const draws = Array.from({ length: 20_000 }, () => a());
    assert.deepEqual(
      draws.slice(0, 5),
      Array.from({ length: 5 }, () => b()),
    );
    assert.ok(draws.every((x) => x >= 0 && x < 1));
    close(draws.reduce((s, x) => s + x, 0) / draws.length, 0.5, 0.01);
  });
});
