import { publicAdvisoryRoutes } from "../clearinghouse/advisories/public-routes.ts";
import { advisoryRoutes } from "../clearinghouse/advisories/routes.ts";
import { caseRoutes } from "../clearinghouse/cases/routes.ts";
import { cveIdRoutes } from "../clearinghouse/cve-ids/routes.ts";
import { reportRoutes } from "../clearinghouse/reports/routes.ts";
import { evalViewerRoutes } from "../evaluation/runner/routes.ts";
import type { AppRoutes } from "../platform/http/types.ts";
import { identityRoutes } from "../platform/identity/routes.ts";
import { notificationRoutes } from "../platform/notifications/routes.ts";

/** Every module's HTTP routes, registered by buildApp in this order. */
export const ROUTES: AppRoutes[] = [
  identityRoutes,
  reportRoutes,
  caseRoutes,
  advisoryRoutes,
  publicAdvisoryRoutes,
  evalViewerRoutes,
  notificationRoutes,
  cveIdRoutes,
];
