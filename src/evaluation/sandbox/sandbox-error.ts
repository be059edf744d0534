/**
 * Why a sandbox could not be provided. Each code is an infrastructure fault (the machine, the
 * installation or the task's files), never the model's doing, so the runner records it apart from
 * model failures and does not score the sample as a miss.
 */
export type SandboxErrorCode =
  /** /usr/bin/bwrap (Debian package `bubblewrap`) is not installed. */
  | "bwrap_missing"
  /** Running as root, but setpriv (Debian package `util-linux`) is missing to drop to the nobody user. */
  | "setpriv_missing"
  /** A sample file is missing, unreadable, or its path would leave the work directory. */
  | "seed_failed"
  /** bwrap exited before it started the command (mount, namespace or limit set-up failed). */
  | "start_failed"
  /** The sandbox was used after close(). */
  | "closed";

/** A sandbox start or set-up failure: an infrastructure error, recorded apart from model failures. */
export class SandboxError extends Error {
  /** Always `infrastructure`, matching ProviderError's kind so the runner can treat both alike. */
  readonly kind = "infrastructure" as const;

  constructor(
    readonly code: SandboxErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "SandboxError";
  }
}
