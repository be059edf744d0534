import type { Db } from "../../platform/db/database.ts";
import { buildDataset } from "../datasets/build-dataset.ts";
import type { Dataset, Sample } from "../model.ts";
import { GovernorRegistry } from "../providers/rate-governor.ts";
import { resolveProvider } from "../providers/resolve-provider.ts";
import { runGovernorOptions } from "./runner.ts";
import type { SampleHandlerDeps } from "./sample-handler.ts";
import { TASKS } from "./tasks.ts";

/** Test helpers of the runner: tiny inline datasets and handler dependencies against a test server. */

/** `n` multiple-choice questions "Question k?" with four choices; the target cycles A, B, C, D. */
export function inlineMultipleChoice(n: number, name = "inline-mc"): Promise<Dataset> {
  const samples: Sample[] = Array.from({ length: n }, (_, i) => ({
    id: `q${String(i + 1).padStart(2, "0")}`,
    input: `Question ${i + 1}?`,
    choices: ["alpha", "beta", "gamma", "delta"],
    target: "ABCD"[i % 4]!,
    category: i % 2 === 0 ? "even" : "odd",
    metadata: {},
  }));
  return buildDataset({ name, samples, source: { path: "(inline)", description: "inline test questions" } });
}

/** The answer key of `inlineMultipleChoice` with the first `wrong` questions answered wrongly. */
export function answerKey(n: number, wrong: number): Record<string, string> {
  return Object.fromEntries(
    Array.from({ length: n }, (_, i) => {
      const right = "ABCD"[i % 4]!;
      return [`Question ${i + 1}?`, i < wrong ? (right === "A" ? "B" : "A") : right];
    }),
  );
}

/** Handler dependencies against a test server: the built-in tasks, the CLI's governor, quick provider retries. */
export function testDeps(db: Db, baseUrl: string, governor: { maxAttempts?: number } = {}): SampleHandlerDeps {
  const governors = new GovernorRegistry();
  return {
    db,
    tasks: TASKS,
    modelFor: (run) =>
      resolveProvider(run.spec.model.id, {
        baseUrl,
        governors,
        env: {},
        governor: {
          ...runGovernorOptions(run.spec),
          maxAttempts: governor.maxAttempts ?? 2,
          backoffBaseMs: 5,
          backoffMaxMs: 20,
        },
      }),
  };
}
