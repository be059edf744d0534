/**
 * The command line that runs one command in a sandbox: resource limits, the drop to the nobody user,
 * then bubblewrap with its namespaces and mounts. Pure, so the exact flags are reviewable in a test.
 */

/** The uid and gid of `nobody` on Debian: who the command runs as inside the sandbox. */
export const NOBODY_ID = 65534;

/** Per-call resource limits of a sandboxed command. */
export interface SandboxLimits {
  /** CPU seconds per process (RLIMIT_CPU): stops a busy loop that wall time alone would let spin. */
  cpuSeconds: number;
  /** Address space per process in bytes (RLIMIT_AS). */
  memoryBytes: number;
  /**
   * Processes (RLIMIT_NPROC): stops a fork bomb. The kernel counts it per host uid, so it holds per
   * sandbox when we start as root (each sandbox gets its own host uid), per user otherwise.
   */
  maxProcesses: number;
  /** Largest file a process may write, in bytes (RLIMIT_FSIZE): the work dir lives on the host's disk. */
  fileSizeBytes: number;
  /** Size of the per-call /tmp tmpfs in bytes. */
  tmpBytes: number;
  /** Wall time per call in seconds; the whole process tree is killed when it passes. */
  timeoutSeconds: number;
  /** Output bytes kept per call (head and tail); the rest is replaced by a marker. */
  maxOutputBytes: number;
}

/** Defaults sized for CTF-style tasks on a small machine. */
export const DEFAULT_SANDBOX_LIMITS: SandboxLimits = {
  cpuSeconds: 60,
  memoryBytes: 1024 * 1024 * 1024,
  maxProcesses: 128,
  fileSizeBytes: 256 * 1024 * 1024,
  tmpBytes: 64 * 1024 * 1024,
  timeoutSeconds: 120,
  maxOutputBytes: 16 * 1024,
};

/** A top-level system path to expose read-only: a directory to bind, or a symlink to recreate. */
export interface SystemEntry {
  path: string;
  /** Set when the host path is a symlink (merged /usr: /bin → usr/bin). */
  symlinkTarget?: string;
}

/** Everything the command line depends on, resolved by the caller from the host. */
export interface SandboxPlan {
  bwrapPath: string;
  /**
   * Set when we start as root: setpriv drops to `hostId` (uid and gid) before bwrap, since bwrap run
   * by root would map the sandbox's nobody onto host root. Undefined when we start unprivileged.
   */
  dropTo?: { setprivPath: string; hostId: number };
  /** prlimit path; undefined means limits are set by a `ulimit` shell wrapper inside the sandbox. */
  prlimitPath?: string;
  /** Host directory bound read-write as the work directory (persists across calls). */
  hostWorkDir: string;
  /** Host paths of the generated passwd and group files. */
  passwdFile: string;
  groupFile: string;
  /** The work directory's path inside the sandbox. */
  workDir: string;
  /** /usr, /bin, /lib… as found on the host. */
  systemEntries: SystemEntry[];
  /** Existing host paths under /etc to bind read-only (the loader cache, alternatives, time zone). */
  etcPaths: string[];
  limits: SandboxLimits;
  /** The whole environment of the command: nothing of ours (API keys) leaks in. */
  env: Record<string, string>;
}

/** The argv (program first) that runs `command` inside the sandbox described by `plan`. */
export function sandboxArgv(plan: SandboxPlan, command: string[]): string[] {
  const { limits } = plan;
  const argv: string[] = [];
  if (plan.prlimitPath) {
    argv.push(
      plan.prlimitPath,
      `--cpu=${limits.cpuSeconds}`,
      `--as=${limits.memoryBytes}`,
      `--nproc=${limits.maxProcesses}`,
      `--fsize=${limits.fileSizeBytes}`,
      "--core=0",
      "--",
    );
  }
  if (plan.dropTo) {
    argv.push(
      plan.dropTo.setprivPath,
      `--reuid=${plan.dropTo.hostId}`,
      `--regid=${plan.dropTo.hostId}`,
      "--clear-groups",
      "--no-new-privs",
      "--",
    );
  }
  argv.push(
    plan.bwrapPath,
    "--unshare-all",
    "--unshare-user",
    "--disable-userns",
    "--uid",
    String(NOBODY_ID),
    "--gid",
    String(NOBODY_ID),
    "--cap-drop",
    "ALL",
    "--die-with-parent",
    "--new-session",
    "--hostname",
    "sandbox",
    "--clearenv",
  );
  for (const [name, value] of Object.entries(plan.env)) argv.push("--setenv", name, value);
  for (const entry of plan.systemEntries) {
    if (entry.symlinkTarget !== undefined) argv.push("--symlink", entry.symlinkTarget, entry.path);
    else argv.push("--ro-bind", entry.path, entry.path);
  }
  for (const path of plan.etcPaths) argv.push("--ro-bind", path, path);
  argv.push("--ro-bind", plan.passwdFile, "/etc/passwd", "--ro-bind", plan.groupFile, "/etc/group");
  argv.push("--proc", "/proc", "--dev", "/dev");
  argv.push("--size", String(limits.tmpBytes), "--tmpfs", "/tmp");
  argv.push("--bind", plan.hostWorkDir, plan.workDir);
  // The root is bwrap's own tmpfs: read-only, so only the work dir and /tmp take writes.
  argv.push("--remount-ro", "/", "--chdir", plan.workDir);
  // Fd 3 carries bwrap's JSON status: an `exit-code` document proves the command itself ran.
  argv.push("--json-status-fd", "3", "--");
  if (!plan.prlimitPath) argv.push(...ulimitWrapper(limits));
  argv.push(...command);
  return argv;
}

/** `bash -c 'ulimit …; exec "$@"'`: the fallback when prlimit is absent (bash, as dash lacks -u; units KiB). */
function ulimitWrapper(limits: SandboxLimits): string[] {
  const script = [
    `ulimit -t ${limits.cpuSeconds}`,
    `ulimit -v ${Math.floor(limits.memoryBytes / 1024)}`,
    `ulimit -u ${limits.maxProcesses}`,
    `ulimit -f ${Math.floor(limits.fileSizeBytes / 1024)}`,
    "ulimit -c 0",
    'exec "$@"',
  ].join(" && ");
  return ["/bin/bash", "-c", script, "bash"];
}

/** passwd and group lines so `id`, `whoami` and Python's getpass resolve the sandbox user. */
export function identityFiles(workDir: string): { passwd: string; group: string } {
  return {
    passwd: `root:x:0:0:root:/root:/usr/sbin/nologin\nnobody:x:${NOBODY_ID}:${NOBODY_ID}:nobody:${workDir}:/bin/sh\n`,
    group: `root:x:0:\nnogroup:x:${NOBODY_ID}:\n`,
  };
}
