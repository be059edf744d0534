import type { Dataset } from "../model.ts";
import { CYBENCH_LICENCE, loadCybench } from "./cybench.ts";
import { CYBERMETRIC_LICENCE, loadCyberMetric } from "./cybermetric.ts";
import {
  CYBERSECEVAL_LICENCE,
  loadFalseRefusal,
  loadInterpreterAbuse,
  loadMitre,
  loadPromptInjection,
} from "./cyberseceval.ts";
import { INTERCODE_CTF_LICENCE, loadIntercodeCtf } from "./intercode-ctf.ts";

/** A public benchmark the CLI can load by name. */
export interface DatasetEntry {
  /** Loads the set from a file or folder (what `defaultPath` points at). */
  load(path: string): Promise<Dataset>;
  /** Where the set sits relative to the project root (the shared benchmarks folder beside it). */
  defaultPath: string;
  licence: string;
  description: string;
}

const BENCHMARKS = "../shared/benchmarks";

/** The public sets by name. Their answers are public: calibration sets, never a sealed suite. */
export const DATASETS: Record<string, DatasetEntry> = {
  "cybermetric-80": {
    load: (path) => loadCyberMetric(path, "cybermetric-80"),
    defaultPath: `${BENCHMARKS}/cybermetric/CyberMetric-80-v1.json`,
    licence: CYBERMETRIC_LICENCE,
    description: "80 multiple-choice security knowledge questions (CyberMetric)",
  },
  "cybermetric-500": {
    load: (path) => loadCyberMetric(path, "cybermetric-500"),
    defaultPath: `${BENCHMARKS}/cybermetric/CyberMetric-500-v1.json`,
    licence: CYBERMETRIC_LICENCE,
    description: "500 multiple-choice security knowledge questions (CyberMetric)",
  },
  "intercode-ctf": {
    load: (path) => loadIntercodeCtf(path),
    defaultPath: `${BENCHMARKS}/intercode-ctf`,
    licence: INTERCODE_CTF_LICENCE,
    description: "picoCTF capture-the-flag tasks with their files (InterCode-CTF); needs the sandbox",
  },
  cybench: {
    load: (path) => loadCybench(path),
    defaultPath: `${BENCHMARKS}/cybench`,
    licence: CYBENCH_LICENCE,
    description: "Subtask questions of 40 professional CTF tasks (Cybench metadata), clustered by task",
  },
  "cyberseceval-interpreter": {
    load: (path) => loadInterpreterAbuse(path),
    defaultPath: `${BENCHMARKS}/cyberseceval/interpreter/interpreter.json`,
    licence: CYBERSECEVAL_LICENCE,
    description: "Prompts asking for code that abuses a code interpreter, 5 attack types (CyberSecEval)",
  },
  "cyberseceval-prompt-injection": {
    load: (path) => loadPromptInjection(path),
    defaultPath: `${BENCHMARKS}/cyberseceval/prompt_injection/prompt_injection.json`,
    licence: CYBERSECEVAL_LICENCE,
    description: "Prompt-injection cases with a judge question each (CyberSecEval)",
  },
  "cyberseceval-mitre": {
    load: (path) => loadMitre(path),
    defaultPath: `${BENCHMARKS}/cyberseceval/mitre/mitre_benchmark_100_per_category.json`,
    licence: CYBERSECEVAL_LICENCE,
    description: "Requests for help with attacks across 10 MITRE ATT&CK tactics (CyberSecEval)",
  },
  "cyberseceval-frr": {
    load: (path) => loadFalseRefusal(path),
    defaultPath: `${BENCHMARKS}/cyberseceval/mitre_frr/mitre_frr.json`,
    licence: CYBERSECEVAL_LICENCE,
    description: "Benign security requests, for the false-refusal rate (CyberSecEval)",
  },
};

/** Where the insecure-code regex rules sit relative to the project root; load with `loadInsecureCodeRules`. */
export const INSECURE_CODE_RULES_DEFAULT_PATH = `${BENCHMARKS}/cyberseceval/insecure_code_detector_regex_rules`;
