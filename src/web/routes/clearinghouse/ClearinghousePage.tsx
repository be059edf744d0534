import { usePath } from "../../router.tsx";
import type { ModulePageProps } from "../module-page-props.ts";
import { NotFoundPage } from "../not-found/NotFoundPage.tsx";
import { AdvisoriesPage } from "./AdvisoriesPage.tsx";
import { AdvisoryPage } from "./AdvisoryPage.tsx";
import { CasePage } from "./cases/CasePage.tsx";
import { CasesListPage } from "./cases/CasesListPage.tsx";
import { NewReportPage } from "./NewReportPage.tsx";
import { OverviewPage } from "./OverviewPage.tsx";
import { clearinghouseRoute } from "./paths.ts";
import { ReportPage } from "./ReportPage.tsx";

/** Vulnerability coordination: the sub-router of reports, triage, cases and advisories. */
export function ClearinghousePage({ link }: ModulePageProps) {
  const path = usePath();
  const route = clearinghouseRoute(path);
  switch (route.page) {
    case "overview":
      return <OverviewPage title={link.title} />;
    case "new-report":
      return <NewReportPage />;
    case "report":
      // Keyed by id: another report's page starts from a clean state (forms, loaded data).
      return <ReportPage key={route.id} reportId={route.id} />;
    case "cases":
      return <CasesListPage />;
    case "case":
      return <CasePage key={route.id} caseId={route.id} />;
    case "advisories":
      return <AdvisoriesPage />;
    case "advisory":
      return <AdvisoryPage key={route.id} advisoryId={route.id} />;
    case "not-found":
      return <NotFoundPage path={path} />;
  }
}
