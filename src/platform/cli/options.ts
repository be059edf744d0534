import type { z } from "zod";
import { notFound } from "../errors/errors.ts";
import type { Principal } from "../identity/model.ts";
import { UsageError } from "./frame.ts";

/** `--as EMAIL`: commands that use a module's API act as a named user, with exactly that user's access. */
export const AS_OPTION = {
  type: "string",
  description: "act as this user (email): access is theirs",
  required: true,
} as const;

/** The principal behind `--as`; an unknown e-mail is "not found", a missing one a usage error. */
export async function actingUser(
  identity: { principalByEmail(email: string): Promise<Principal | undefined> },
  email: unknown,
): Promise<Principal> {
  if (typeof email !== "string") throw new UsageError("--as <email> is required");
  const found = await identity.principalByEmail(email);
  if (!found) throw notFound(`user ${email}`);
  return found;
}

/** Parses option values with an API schema; a bad one is a usage error naming its flag. */
export function parseOptions<S extends z.ZodType>(schema: S, values: Record<string, unknown>): z.output<S> {
  const parsed = schema.safeParse(values);
  if (parsed.success) return parsed.data;
  throw new UsageError(parsed.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("; "));
}
