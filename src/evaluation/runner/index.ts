/**
 * The evaluation runner: runs (model × task × epochs) stored in the database, one queue job per
 * (sample, epoch), events logged as they happen, completed model calls cached so a killed run
 * resumes without repeating one; results with intervals; the `aicc eval` commands.
 */
export { classifyError } from "./classify-error.ts";
export { evalCommands, registerEvalJobs } from "./cli.ts";
export { ProgressLine } from "./progress.ts";
export { compareRuns, observationsOf, type RunResults, runResults } from "./results.ts";
export { gitRevision, packageVersion, type RunId, type RunSpec, RunSpecSchema } from "./run-spec.ts";
export {
  type CreateRunOptions,
  createRun,
  EMBEDDED_LEASE_MS,
  type EmbeddedOptions,
  resumeRun,
  runEmbedded,
} from "./runner.ts";
export { type EvalSampleJob, evalSampleQueue, type SampleHandlerDeps, sampleHandler } from "./sample-handler.ts";
export {
  DbResponseCache,
  type ErrorKind,
  getRun,
  listEvents,
  listRuns,
  listSamples,
  type RunCounts,
  type RunRecord,
  runCounts,
  type SampleOutcome,
  type SampleRecord,
  type SampleStatus,
} from "./store.ts";
export type { EvaluationRunTables } from "./tables.ts";
export { buildTask, TASKS, type TaskDefinition, type TaskRegistry, taskHash } from "./tasks.ts";
