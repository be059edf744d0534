/**
 * Types for the parts of @secvisogram/csaf-validator-lib (plain JavaScript, no bundled types) that aicc uses:
 * the CWE list and the language-tag test in the library; the schema test, the mandatory tests and the runner in the
 * bench, which compares against them.
 */

/** Result of one of the library's document tests. */
interface CsafLibTestResult {
  isValid?: boolean;
  errors?: { instancePath: string; message: string }[];
  warnings?: { instancePath: string; message: string }[];
}

/** One of the library's document tests. */
type CsafLibTest = (doc: unknown) => CsafLibTestResult | Promise<CsafLibTestResult>;

declare module "@secvisogram/csaf-validator-lib/cwe.js" {
  /** The CWE weaknesses the library knows (latest CWE list it bundles). */
  export const weaknesses: readonly { id: string; name: string }[];
}

declare module "@secvisogram/csaf-validator-lib/mandatoryTests.js" {
  /** Test 6.1.12: `/document/lang` and `/document/source_lang` are valid, registered BCP 47 tags. */
  export function mandatoryTest_6_1_12(doc: unknown): CsafLibTestResult;
}

declare module "@secvisogram/csaf-validator-lib/schemaTests.js" {
  /** Validation against the CSAF 2.0 JSON schema. */
  export const csaf_2_0: CsafLibTest;
}

declare module "@secvisogram/csaf-validator-lib/validate.js" {
  /** Runs the given tests on a document. */
  export default function validate(
    tests: readonly CsafLibTest[],
    doc: unknown,
  ): Promise<{ isValid: boolean; tests: (CsafLibTestResult & { name: string })[] }>;
}
