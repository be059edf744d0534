import type { ComponentType } from "react";
import type { ModuleId } from "../api-types.ts";
import { AdminPage } from "../routes/admin/AdminPage.tsx";
import { ClearinghousePage } from "../routes/clearinghouse/ClearinghousePage.tsx";
import { DashboardPage } from "../routes/dashboard/DashboardPage.tsx";
import { EvaluationPage } from "../routes/evaluation/EvaluationPage.tsx";
import { ExposurePage } from "../routes/exposure/ExposurePage.tsx";
import { FrameworkPage } from "../routes/framework/FrameworkPage.tsx";
import type { ModulePageProps } from "../routes/module-page-props.ts";
import { ProgramsPage } from "../routes/programs/ProgramsPage.tsx";

/** The page of each module; the compiler checks that every module id has one. */
export const MODULE_PAGES: Record<ModuleId, ComponentType<ModulePageProps>> = {
  dashboard: DashboardPage,
  clearinghouse: ClearinghousePage,
  exposure: ExposurePage,
  evaluation: EvaluationPage,
  framework: FrameworkPage,
  programs: ProgramsPage,
  admin: AdminPage,
};
