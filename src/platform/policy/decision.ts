/**
 * A policy answer: allowed, or denied with a reason a person can read. Services turn a denial into
 * AppError("forbidden"); list queries use the same predicates to filter.
 */
export type Decision = { allow: true } | { allow: false; reason: string };

export const ALLOW: Decision = { allow: true };
export const deny = (reason: string): Decision => ({ allow: false, reason });
export const allowIf = (condition: boolean, reason: string): Decision => (condition ? ALLOW : deny(reason));
