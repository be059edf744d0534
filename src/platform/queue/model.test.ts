import assert from "node:assert/strict";
import { test } from "node:test";
import { z } from "zod";
import { DEFAULT_RETRY, defineQueue, retryDelayMs } from "./model.ts";

test("retry delays double per attempt up to the cap; jitter only shortens them", () => {
  const policy = { baseMs: 1_000, maxMs: 10_000, jitter: 0.5 };
  const noJitter = (attempt: number) => retryDelayMs(attempt, policy, () => 0);
  assert.deepEqual([1, 2, 3, 4, 5, 6].map(noJitter), [1_000, 2_000, 4_000, 8_000, 10_000, 10_000]);
  assert.equal(
    retryDelayMs(3, policy, () => 1),
    2_000,
  );
  for (let i = 0; i < 100; i++) {
    const delay = retryDelayMs(2, policy);
    assert.ok(delay >= 1_000 && delay <= 2_000);
  }
  assert.equal(
    retryDelayMs(100, DEFAULT_RETRY, () => 0),
    DEFAULT_RETRY.maxMs,
  );
});

test("a queue definition checks its name and attempts, and fills in the retry policy", () => {
  const q = defineQueue("evaluation.samples", z.object({ id: z.string() }), { retry: { baseMs: 10 } });
  assert.equal(q.maxAttempts, 5);
  assert.deepEqual(q.retry, { ...DEFAULT_RETRY, baseMs: 10 });
  assert.throws(() => defineQueue("Bad Name", z.unknown()), /queue name/);
  assert.throws(() => defineQueue("ok", z.unknown(), { maxAttempts: 0 }), /maxAttempts/);
});
