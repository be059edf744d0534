import type { Config } from "../platform/config/config.ts";
import { loadMasterKey } from "../platform/crypto/master-key.ts";
import { Vault } from "../platform/crypto/vault.ts";
import type { Db, Store } from "../platform/db/database.ts";
import { IdentityService } from "../platform/identity/service.ts";

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
}

export function createContext(config: Config, store: Store, overrides: Partial<AppContext> = {}): AppContext {
  const vault = overrides.vault ?? new Vault(loadMasterKey(config));
  return {
    config,
    store,
    db: store.db,
    vault,
    identity: overrides.identity ?? new IdentityService(store.db),
  };
}
