/** The clearinghouse's page addresses: one parser for the sub-router and builders for links. */

export const CLEARINGHOUSE_PATH = "/clearinghouse";
export const NEW_REPORT_PATH = `${CLEARINGHOUSE_PATH}/reports/new`;
export const CASES_PATH = `${CLEARINGHOUSE_PATH}/cases`;
export const ADVISORIES_PATH = `${CLEARINGHOUSE_PATH}/advisories`;

export const reportPagePath = (id: string) => `${CLEARINGHOUSE_PATH}/reports/${encodeURIComponent(id)}`;
export const casePagePath = (id: string) => `${CASES_PATH}/${encodeURIComponent(id)}`;
export const advisoryPagePath = (id: string) => `${ADVISORIES_PATH}/${encodeURIComponent(id)}`;

export type ClearinghouseRoute =
  | { page: "overview" }
  | { page: "new-report" }
  | { page: "report"; id: string }
  | { page: "cases" }
  | { page: "case"; id: string }
  | { page: "advisories" }
  | { page: "advisory"; id: string }
  | { page: "not-found" };

function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** The page for a path under /clearinghouse (a trailing slash is ignored). */
export function clearinghouseRoute(path: string): ClearinghouseRoute {
  if (path !== CLEARINGHOUSE_PATH && !path.startsWith(`${CLEARINGHOUSE_PATH}/`)) return { page: "not-found" };
  const segments = path.slice(CLEARINGHOUSE_PATH.length).split("/").filter(Boolean);
  const [section, rawId, ...rest] = segments;
  if (rest.length > 0) return { page: "not-found" };
  if (section === undefined) return { page: "overview" };
  const id = rawId === undefined ? undefined : decodeSegment(rawId);
  if (id === null) return { page: "not-found" };
  switch (section) {
    case "reports":
      if (id === undefined) return { page: "overview" };
      return id === "new" ? { page: "new-report" } : { page: "report", id };
    case "cases":
      return id === undefined ? { page: "cases" } : { page: "case", id };
    case "advisories":
      return id === undefined ? { page: "advisories" } : { page: "advisory", id };
    default:
      return { page: "not-found" };
  }
}
