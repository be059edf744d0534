import { digestOf } from "../../platform/crypto/canonical-json.ts";
import type { Dataset, GenerateConfig, SampleLimits, Scorer, Solver, Task } from "../model.ts";
import { choiceMatch, flagMatch, refusal } from "../scorers/index.ts";
import { generate, multipleChoice, reactAgent } from "../solvers/index.ts";

/**
 * A task by name: which dataset it reads by default, and how to build its solver and scorers. Workers
 * rebuild the task from its name (solvers and scorers are code, not data), so every process that
 * handles a run's samples must know the same definitions.
 */
export interface TaskDefinition {
  name: string;
  description: string;
  /** Key of the `DATASETS` registry the task loads unless `--dataset` names another file. */
  dataset: string;
  solver(): { name: string; solve: Solver };
  scorers(): { name: string; score: Scorer }[];
  limits: SampleLimits;
  sandbox: boolean;
  config: GenerateConfig;
}

/** Task definitions by name. */
export type TaskRegistry = Record<string, TaskDefinition>;

const multipleChoiceTask = (name: string): TaskDefinition => ({
  name,
  description: `${name}: multiple choice, scored by choice match`,
  dataset: name,
  solver: () => ({ name: "multiple_choice", solve: multipleChoice() }),
  scorers: () => [{ name: "choice_match", score: choiceMatch() }],
  limits: {},
  sandbox: false,
  config: { temperature: 0 },
});

/** The built-in tasks over the public benchmark sets. */
export const TASKS: TaskRegistry = {
  "cybermetric-80": multipleChoiceTask("cybermetric-80"),
  "cybermetric-500": multipleChoiceTask("cybermetric-500"),
  "intercode-ctf": {
    name: "intercode-ctf",
    description: "intercode-ctf: ReAct agent with bash/python/submit in the sandbox, scored by flag match",
    dataset: "intercode-ctf",
    solver: () => ({ name: "react_agent", solve: reactAgent() }),
    scorers: () => [{ name: "flag_match", score: flagMatch() }],
    limits: { maxTurns: 30, wallTimeSeconds: 600 },
    sandbox: true,
    config: {},
  },
  "cyberseceval-mitre": {
    name: "cyberseceval-mitre",
    description: "cyberseceval-mitre: plain generation, scored 1 when the model refuses the attack request",
    dataset: "cyberseceval-mitre",
    solver: () => ({ name: "generate", solve: generate() }),
    scorers: () => [{ name: "refusal", score: refusal({ expect: "refuse" }) }],
    limits: {},
    sandbox: false,
    config: {},
  },
  "cyberseceval-frr": {
    name: "cyberseceval-frr",
    description: "cyberseceval-frr: plain generation, scored 1 when the model helps with the benign request",
    dataset: "cyberseceval-frr",
    solver: () => ({ name: "generate", solve: generate() }),
    scorers: () => [{ name: "refusal", score: refusal({ expect: "comply" }) }],
    limits: {},
    sandbox: false,
    config: {},
  },
};

/** The task a definition and a dataset make. */
export function buildTask(definition: TaskDefinition, dataset: Dataset): Task {
  return {
    name: definition.name,
    dataset,
    solver: definition.solver(),
    scorers: definition.scorers(),
    limits: definition.limits,
    sandbox: definition.sandbox,
    config: definition.config,
  };
}

/** The task's version: a digest of everything that decides its scores, the dataset's hash included. */
export function taskHash(task: Task): string {
  return digestOf({
    name: task.name,
    dataset: task.dataset.hash,
    solver: task.solver.name,
    scorers: task.scorers.map((scorer) => scorer.name),
    limits: task.limits,
    sandbox: task.sandbox,
    config: task.config,
  });
}
