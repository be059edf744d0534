import { CsafFeed } from "../clearinghouse/advisories/csaf-feed.ts";
import { OsvApi } from "../clearinghouse/advisories/osv-api.ts";
import { publisherFor } from "../clearinghouse/advisories/render-context.ts";
import { AdvisoryService } from "../clearinghouse/advisories/service.ts";
import { CaseService } from "../clearinghouse/cases/service.ts";
import { CveIdService } from "../clearinghouse/cve-ids/service.ts";
import { ImportService } from "../clearinghouse/imports/service.ts";
import { ReportService } from "../clearinghouse/reports/service.ts";
import { EvaluationViewer } from "../evaluation/runner/viewer.ts";
import type { Config } from "../platform/config/config.ts";
import { loadMasterKey } from "../platform/crypto/master-key.ts";
import { Vault } from "../platform/crypto/vault.ts";
import type { Db, Store } from "../platform/db/database.ts";
import { IdentityService } from "../platform/identity/service.ts";
import { NotificationService } from "../platform/notifications/service.ts";

/**
 * The one wiring place: builds every service with its dependencies, explicitly. The server, the CLI,
 * workers and tests all start from here; tests override single pieces by passing them in.
 */
export interface AppContext {
  config: Config;
  store: Store;
  db: Db;
  vault: Vault;
  identity: IdentityService;
  advisories: AdvisoryService;
  imports: ImportService;
  osv: OsvApi;
  csafFeed: CsafFeed;
  reports: ReportService;
  cases: CaseService;
  notifications: NotificationService;
  cveIds: CveIdService;
  evalViewer: EvaluationViewer;
}

/** How a command gets the context: opened for it, closed after (CLI modules take one of these). */
export type WithContext = <T>(fn: (ctx: AppContext) => Promise<T>) => Promise<T>;

export function createContext(config: Config, store: Store, overrides: Partial<AppContext> = {}): AppContext {
  const vault = overrides.vault ?? new Vault(loadMasterKey(config));
  const advisories =
    overrides.advisories ??
    new AdvisoryService(store.db, publisherFor(config.publicUrl ?? `http://${config.host}:${config.port}`));
  const reports = overrides.reports ?? new ReportService(store.db, advisories);
  const notifications =
    overrides.notifications ??
    new NotificationService(store.db, vault, {
      publicUrl: advisories.publisher.baseUrl,
      email: config.smtpUrl !== undefined,
    });
  const cveIds = overrides.cveIds ?? new CveIdService(store.db);
  return {
    config,
    store,
    db: store.db,
    vault,
    identity: overrides.identity ?? new IdentityService(store.db),
    advisories,
    // PostgreSQL writes several documents at once; PGlite has one connection.
    imports: overrides.imports ?? new ImportService(store.db, advisories, store.engine === "postgres" ? 4 : 1),
    osv: overrides.osv ?? new OsvApi(store.db),
    csafFeed: overrides.csafFeed ?? new CsafFeed(store.db, advisories.publisher),
    reports,
    cases: overrides.cases ?? new CaseService(store.db, reports, advisories, notifications, cveIds),
    notifications,
    cveIds,
    evalViewer: overrides.evalViewer ?? new EvaluationViewer(store.db),
  };
}
