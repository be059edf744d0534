import type { Db } from "../db/database.ts";
import type { UserRow } from "../db/schema.ts";
import { verifyPassword } from "./password.ts";
import { findUserByEmail } from "./store.ts";

/**
 * How a person proves who they are. Sessions, rate limits and auditing stay in IdentityService; a
 * provider only answers "which enabled user do these credentials name?". Password login is the first
 * provider; OpenID Connect will be another.
 */
export interface LoginProvider {
  readonly name: string;
  /** The user the credentials prove, or undefined (wrong, unknown or disabled: never say which). */
  authenticate(db: Db, credentials: { email: string; password: string }): Promise<UserRow | undefined>;
}

export const passwordLoginProvider: LoginProvider = {
  name: "password",
  async authenticate(db, { email, password }) {
    const user = await findUserByEmail(db, email);
    // Verify even for unknown accounts (against a dummy hash) so timing does not reveal them.
    const good = await verifyPassword(user?.password_hash ?? null, password);
    return user && good && !user.disabled_at ? user : undefined;
  },
};
