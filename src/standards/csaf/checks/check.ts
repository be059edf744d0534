/** The shape of one CSAF test (spec section 6.1 mandatory, 6.2 optional). */

import type { CheckContext } from "./context.ts";

/** Records one finding of a test: where (JSON pointer) and what. */
export type Report = (path: string, message: string) => void;

/** One test of CSAF 2.0 section 6. */
export interface CsafCheck {
  /** Spec test number, e.g. `6.1.1` or `6.1.27.9`. */
  id: string;
  /** Stable reason, the error code without the `csaf.` prefix, e.g. `missing_product_id_definition`. */
  reason: string;
  /** The spec's title of the test. */
  title: string;
  run(ctx: CheckContext, report: Report): void;
}
