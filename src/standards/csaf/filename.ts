/** The CSAF file name rule (spec section 5.1), used for canonical URLs (test 6.2.11) and distribution. */

/**
 * File name of a CSAF document: `/document/tracking/id` lower-cased, every run of characters other than `a-z`,
 * `0-9`, `+` and `-` replaced by one `_`, then `.json`. `Example Company - 2019-YH3234` gives
 * `example_company_-_2019-yh3234.json`.
 */
export function csafFilename(trackingId: string): string {
  return `${trackingId.toLowerCase().replace(/[^+\-a-z0-9]+/g, "_")}.json`;
}
