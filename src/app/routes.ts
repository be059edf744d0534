import { publicAdvisoryRoutes } from "../clearinghouse/advisories/public-routes.ts";
import { advisoryRoutes } from "../clearinghouse/advisories/routes.ts";
import { reportRoutes } from "../clearinghouse/reports/routes.ts";
import type { AppRoutes } from "../platform/http/types.ts";
import { identityRoutes } from "../platform/identity/routes.ts";

/** Every module's HTTP routes, registered by buildApp in this order. */
export const ROUTES: AppRoutes[] = [identityRoutes, reportRoutes, advisoryRoutes, publicAdvisoryRoutes];
