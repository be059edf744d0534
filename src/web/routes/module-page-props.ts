import type { ModuleLink } from "../api-types.ts";

/** Every module page gets the navigation entry the server granted, so its title matches the menu. */
export interface ModulePageProps {
  link: ModuleLink;
}
