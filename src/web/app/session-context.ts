import { createContext, useContext } from "react";
import type { ApiClient } from "../api.ts";
import type { Session } from "../api-types.ts";

/** What every page inside the shell may use: the signed-in session and the API client. */
export interface SessionState {
  session: Session;
  api: ApiClient;
  signOut: () => Promise<void>;
}

export const SessionContext = createContext<SessionState | null>(null);

/** The signed-in session; only valid below the shell (pages that need a signed-in user). */
export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error("useSession() used outside the signed-in shell");
  return state;
}
