/** Datasets: loaders for the public benchmark sets and generic files, each giving a hashed `Dataset`. */
export { buildDataset, hashSamples } from "./build-dataset.ts";
export { loadCsv } from "./csv-loader.ts";
export { type CybenchOptions, loadCybench } from "./cybench.ts";
export { loadCyberMetric } from "./cybermetric.ts";
export {
  loadFalseRefusal,
  loadInterpreterAbuse,
  loadMitre,
  loadPromptInjection,
  promptInjectionRubric,
} from "./cyberseceval.ts";
export { type DataLocation, DatasetError } from "./dataset-error.ts";
export type { FieldMapping } from "./field-mapping.ts";
export { ANY_LANGUAGE, type InsecureCodeRule, loadInsecureCodeRules, pythonRegex } from "./insecure-code-rules.ts";
export { loadIntercodeCtf } from "./intercode-ctf.ts";
export { type GenericLoadOptions, loadJsonl } from "./jsonl.ts";
export { DATASETS, type DatasetEntry, INSECURE_CODE_RULES_DEFAULT_PATH } from "./registry.ts";
