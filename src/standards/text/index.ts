/** Small text formats shared by several standards: CSV (RFC 4180) and RFC 3339 date-times. */
export { parseCsv } from "./csv.ts";
export { isRfc3339DateTime } from "./date-time.ts";
