/** CVSS 2.0, 3.0, 3.1 and 4.0: parse and validate vectors, compute scores and ratings, emit canonical strings. */
export type { CvssScores, CvssVector, CvssVersion } from "./cvss.ts";
export { emitCvss, parseCvss, scoreCvss, scoreCvssVector } from "./cvss.ts";
export type { Cvss3Metrics, Cvss3Scores, Cvss3Vector, Cvss3Version } from "./cvss-v3.ts";
export { CVSS3_METRICS, emitCvss3, parseCvss3, scoreCvss3 } from "./cvss-v3.ts";
export type { Cvss2Metrics, Cvss2Scores, Cvss2Severity, Cvss2Vector } from "./cvss-v20.ts";
export { CVSS2_METRICS, cvss2SeverityOf, emitCvss2, parseCvss2, scoreCvss2 } from "./cvss-v20.ts";
export { roundup31 } from "./cvss-v31.ts";
export type { Cvss4Effective, Cvss4Metrics, Cvss4Nomenclature, Cvss4Scores, Cvss4Vector } from "./cvss-v40.ts";
export { CVSS4_METRICS, effectiveCvss4, emitCvss4, eqLevels, parseCvss4, scoreCvss4 } from "./cvss-v40.ts";
export type { CvssSeverity } from "./severity.ts";
export { severityOf } from "./severity.ts";
