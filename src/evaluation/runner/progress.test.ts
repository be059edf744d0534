import assert from "node:assert/strict";
import { test } from "node:test";
import { LeaseLostError } from "../../platform/queue/index.ts";
import { ProviderError } from "../model.ts";
import { SandboxError } from "../sandbox/sandbox-error.ts";
import { ScorerError } from "../scorers/scorer-error.ts";
import { classifyError } from "./classify-error.ts";
import { formatTokens, ProgressLine } from "./progress.ts";

const counts = (done: number, error = 0) => ({
  total: 40,
  pending: 40 - done - error,
  running: 0,
  done,
  error,
  inputTokens: 1_500 * done,
  outputTokens: 100 * done,
});

test("the progress line shows finished/total, errors, tokens, the rate since start and the ETA", () => {
  let now = 0;
  const line = new ProgressLine("run_x", () => now);
  assert.equal(line.render(counts(10)), "run_x: 10/40 done, 0 errors, 16.0k tokens, 0.0/s, ETA ?");
  now = 10_000;
  // 10 more in 10 s (the 10 finished before this process started do not count): 1/s, 20 left.
  assert.equal(line.render(counts(18, 2)), "run_x: 20/40 done, 2 errors, 28.8k tokens, 1.0/s, ETA 20s");
  now = 30_000;
  assert.equal(line.render(counts(40)), "run_x: 40/40 done, 0 errors, 64.0k tokens, 1.0/s, finished");
  assert.equal(formatTokens(950), "950");
  assert.equal(formatTokens(4_560_000), "4.56M");
});

test("errors are classified: infrastructure retried, model and scorer final, lease loss not recorded", () => {
  assert.deepEqual(classifyError(new ProviderError("boom", "infrastructure", 503)), {
    kind: "infrastructure",
    retry: true,
    message: "infrastructure: boom",
  });
  assert.equal(classifyError(new ProviderError("bad", "bad_request", 400))?.kind, "model");
  assert.equal(classifyError(new ProviderError("filtered", "content_filter"))?.retry, false);
  assert.equal(classifyError(new SandboxError("start_failed", "bwrap failed"))?.kind, "infrastructure");
  assert.equal(classifyError(new ScorerError("judge", "no grade"))?.kind, "scorer");
  assert.equal(classifyError(new LeaseLostError({ jobId: "job_x" as never, owner: "w", attempt: 1 })), undefined);
});
