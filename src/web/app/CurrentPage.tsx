import type { ModuleLink } from "../api-types.ts";
import { isUnder } from "../router.tsx";
import { NotFoundPage } from "../routes/not-found/NotFoundPage.tsx";
import { ProfilePage } from "../routes/profile/ProfilePage.tsx";
import { MODULE_PAGES } from "./module-pages.ts";

/** The granted module that owns `path` (the longest matching path wins), if any. */
export function moduleFor(path: string, modules: ModuleLink[]): ModuleLink | undefined {
  return modules.filter((module) => isUnder(path, module.path)).sort((a, b) => b.path.length - a.path.length)[0];
}

/** Picks the page for the current path among the modules the server granted; others are not found. */
export function CurrentPage({ path, modules }: { path: string; modules: ModuleLink[] }) {
  if (isUnder(path, "/profile")) return <ProfilePage />;
  const link = moduleFor(path, modules);
  const Page = link ? MODULE_PAGES[link.id] : undefined;
  if (!link || !Page) return <NotFoundPage path={path} />;
  return <Page key={link.id} link={link} />;
}
