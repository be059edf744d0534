import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { projectRoot } from "../../platform/config/config.ts";
import type { Id } from "../../platform/ids/ids.ts";
import { GenerateConfigSchema, SampleLimitsSchema } from "../model.ts";

/** Run ids are `run_…`, sortable by creation time. */
export type RunId = Id<"run">;

/**
 * What a run is: everything needed to say which model answered which task version under which
 * settings, and to rebuild the model and task in any worker process. Stored as `eval_runs.spec`.
 */
export const RunSpecSchema = z.object({
  task: z.object({ name: z.string(), hash: z.string(), scorers: z.array(z.string()) }),
  dataset: z.object({ name: z.string(), hash: z.string(), path: z.string().optional(), samples: z.number().int() }),
  model: z.object({
    id: z.string(),
    /** Endpoint base URL for `openai-compatible:` (never the key). */
    baseUrl: z.string().optional(),
    /** Name of the secret in the encrypted store holding the API key, when not from the environment. */
    apiKeySecret: z.string().optional(),
    config: GenerateConfigSchema,
  }),
  epochs: z.number().int().positive(),
  /** First `limit` samples only, when set. */
  limit: z.number().int().positive().optional(),
  limits: SampleLimitsSchema,
  maxConnections: z.number().int().positive(),
  /** Attempts per (sample, epoch) before an infrastructure error is final. */
  maxAttempts: z.number().int().positive(),
  packageVersion: z.string(),
  gitRevision: z.string().optional(),
  seed: z.number().int().optional(),
});
export type RunSpec = z.infer<typeof RunSpecSchema>;

/** The project's version from package.json. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(path.join(projectRoot(), "package.json"), "utf8")) as { version: string }).version;
}

/** `git rev-parse HEAD` of the project, or undefined outside a git checkout (or without git). */
export function gitRevision(): string | undefined {
  try {
    return execFileSync("git", ["rev-parse", "HEAD"], { cwd: projectRoot(), stdio: ["ignore", "pipe", "ignore"] })
      .toString()
      .trim();
  } catch {
    return undefined;
  }
}
