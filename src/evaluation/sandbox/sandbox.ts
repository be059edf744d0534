import { spawn } from "node:child_process";
import { randomInt } from "node:crypto";
import { constants } from "node:fs";
import {
  access,
  chmod,
  cp,
  lchown,
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readlink,
  realpath,
  rm,
  writeFile,
} from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, isAbsolute, join, normalize, sep } from "node:path";
import { HeadTailBuffer } from "./output-buffer.ts";
import {
  DEFAULT_SANDBOX_LIMITS,
  identityFiles,
  type SandboxLimits,
  type SandboxPlan,
  type SystemEntry,
  sandboxArgv,
} from "./sandbox-argv.ts";
import { SandboxError } from "./sandbox-error.ts";

/** How a sandbox is built. Every field has a default suited to this Debian host. */
export interface SandboxOptions {
  limits?: Partial<SandboxLimits>;
  /** The work directory's path inside the sandbox (default `/work`). */
  workDir?: string;
  /** Default `/usr/bin/bwrap` (Debian package `bubblewrap`). */
  bwrapPath?: string;
  /** Host directory under which each sandbox keeps its state (default the OS temp dir). */
  hostTmpRoot?: string;
  /** Host uid and gid the sandbox runs as when started as root (default: a fresh one per sandbox). */
  hostId?: number;
  /** Force the `ulimit` wrapper instead of prlimit (chosen automatically when prlimit is absent). */
  limiter?: "prlimit" | "ulimit";
}

/** One command to run. */
export interface ExecOptions {
  /** Text written to the command's stdin (then closed). */
  stdin?: string;
  /** Overrides the sandbox's wall-time limit for this call. */
  timeoutSeconds?: number;
  /** Aborting kills the command's whole process tree. */
  signal?: AbortSignal;
}

/** What one command did. stdout and stderr are interleaved in arrival order. */
export interface ExecResult {
  output: string;
  /** The command's exit status (128 + signal number when a signal ended it); null when we killed it. */
  exitCode: number | null;
  truncated: boolean;
  /** Set when we ended the command: wall time passed, output ran away, or the caller aborted. */
  killed?: "timeout" | "output" | "cancelled";
  durationMs: number;
}

const UTIL_PATHS = { setpriv: "/usr/bin/setpriv", prlimit: "/usr/bin/prlimit" };
/**
 * Host uids for sandboxes started as root, one per sandbox so that RLIMIT_NPROC (counted per uid)
 * holds per sandbox: a fork bomb in one sample cannot starve the others. The range lies above the
 * login, system, systemd-dynamic and container (up to 0x6FFFFFFF) ranges, below 2^31.
 */
const HOST_ID_BASE = 0x78000000;
const HOST_ID_SPAN = 1 << 20;
/** Starts at a random point, so two runner processes on one host rarely pick the same uids. */
let nextHostOffset = randomInt(HOST_ID_SPAN);

function allocateHostId(): number {
  nextHostOffset = (nextHostOffset + 1) % HOST_ID_SPAN;
  return HOST_ID_BASE + nextHostOffset;
}
const SYSTEM_DIRS = ["/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"];
/** The few /etc entries programs need: loader cache, Debian's alternatives symlinks, time zone, Python's config. */
const ETC_ENTRIES = [
  "alternatives",
  "ld.so.cache",
  "ld.so.conf",
  "ld.so.conf.d",
  "localtime",
  "nsswitch.conf",
  "hosts",
];
/** A command whose output passes this many times the kept budget is killed: nobody reads the middle. */
const RUNAWAY_OUTPUT_FACTOR = 64;

/**
 * A per-sample bubblewrap sandbox. Each `exec` is a fresh bwrap invocation (new namespaces, no
 * network, no capabilities, nobody user, read-only system, tmpfs /tmp); the work directory is a host
 * directory bound read-write, so files persist between the calls of one sample until `close()`.
 *
 * Started as root (the usual case), each sandbox runs on the host as its own unprivileged uid, so
 * its process limit is its own. Started unprivileged, all sandboxes run as the caller's uid and share
 * one RLIMIT_NPROC: size `maxProcesses` for the concurrency you run.
 */
export class Sandbox {
  private closed = false;
  private readonly running = new Set<() => void>();

  private constructor(
    private readonly plan: SandboxPlan,
    /** Host directory holding this sandbox's state (removed on close). */
    private readonly hostRoot: string,
  ) {}

  /**
   * The host path of the work directory, e.g. to collect what an agent wrote. Its content is the
   * agent's: do not follow its links as root.
   */
  get hostWorkDir(): string {
    return this.plan.hostWorkDir;
  }

  /** The work directory's path inside the sandbox. */
  get workDir(): string {
    return this.plan.workDir;
  }

  /** The host uid the sandbox's nobody maps to when started as root; undefined when started unprivileged. */
  get hostId(): number | undefined {
    return this.plan.dropTo?.hostId;
  }

  get limits(): SandboxLimits {
    return this.plan.limits;
  }

  /**
   * Builds a sandbox with `files` (relative path → host source path) copied into its work directory
   * and runs a probe command, so a broken installation fails here and not in the middle of an agent run.
   * @throws SandboxError (infrastructure) when bwrap is missing, seeding fails or the probe cannot start.
   */
  static async create(files: Record<string, string> | undefined, options: SandboxOptions = {}): Promise<Sandbox> {
    const bwrapPath = options.bwrapPath ?? "/usr/bin/bwrap";
    if (!(await isExecutable(bwrapPath))) {
      throw new SandboxError(
        "bwrap_missing",
        `bubblewrap not found at ${bwrapPath}: install the Debian package \`bubblewrap\` (apt-get install bubblewrap); agent tools never run unsandboxed`,
      );
    }
    const asRoot = process.getuid?.() === 0;
    if (asRoot && !(await isExecutable(UTIL_PATHS.setpriv))) {
      throw new SandboxError(
        "setpriv_missing",
        `running as root needs ${UTIL_PATHS.setpriv} (Debian package \`util-linux\`) to drop privileges before bwrap`,
      );
    }
    const prlimitPath =
      options.limiter !== "ulimit" && (await isExecutable(UTIL_PATHS.prlimit)) ? UTIL_PATHS.prlimit : undefined;
    const workDir = options.workDir ?? "/work";
    if (
      !/^(\/[\w.-]+)+$/.test(workDir) ||
      ["/usr", "/etc", "/proc", "/dev", "/tmp"].some((p) => workDir.startsWith(p))
    ) {
      throw new Error(
        `sandbox workDir ${JSON.stringify(workDir)} must be an absolute path outside the system directories`,
      );
    }
    const hostRoot = await mkdtemp(join(options.hostTmpRoot ?? tmpdir(), "aicc-sandbox-"));
    try {
      // The sandbox's uid must traverse hostRoot to reach the work dir, but need not list it.
      await chmod(hostRoot, 0o711);
      const hostWorkDir = join(hostRoot, "work");
      await mkdir(hostWorkDir, { mode: 0o700 });
      const identity = identityFiles(workDir);
      const passwdFile = join(hostRoot, "passwd");
      const groupFile = join(hostRoot, "group");
      await writeFile(passwdFile, identity.passwd, { mode: 0o644 });
      await writeFile(groupFile, identity.group, { mode: 0o644 });
      await seedFiles(hostWorkDir, files ?? {});
      const dropTo = asRoot
        ? { setprivPath: UTIL_PATHS.setpriv, hostId: options.hostId ?? allocateHostId() }
        : undefined;
      if (dropTo) await chownTree(hostWorkDir, dropTo.hostId);
      const plan: SandboxPlan = {
        bwrapPath,
        dropTo,
        prlimitPath,
        hostWorkDir,
        passwdFile,
        groupFile,
        workDir,
        systemEntries: await systemEntries(),
        etcPaths: await etcPaths(),
        limits: { ...DEFAULT_SANDBOX_LIMITS, ...options.limits },
        env: {
          PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
          HOME: workDir,
          USER: "nobody",
          LOGNAME: "nobody",
          LANG: "C.UTF-8",
          TERM: "dumb",
          TMPDIR: "/tmp",
          // Unbuffered Python keeps stdout and stderr in the order they were written.
          PYTHONUNBUFFERED: "1",
        },
      };
      const sandbox = new Sandbox(plan, hostRoot);
      const probe = await sandbox.exec(["/bin/true"], { timeoutSeconds: 30 });
      if (probe.exitCode !== 0) {
        throw new SandboxError("start_failed", `sandbox probe failed (exit ${probe.exitCode}): ${probe.output.trim()}`);
      }
      return sandbox;
    } catch (error) {
      await rm(hostRoot, { recursive: true, force: true });
      throw error;
    }
  }

  /**
   * Runs `command` (argv, program first) in the sandbox. Failures of the command itself (non-zero
   * exit, limits, time-out) are results; only a sandbox that cannot start throws.
   * @throws SandboxError when bwrap (or the limit or uid wrappers) could not start the command.
   */
  exec(command: string[], options: ExecOptions = {}): Promise<ExecResult> {
    if (this.closed) return Promise.reject(new SandboxError("closed", "sandbox used after close()"));
    const limits = this.plan.limits;
    const argv = sandboxArgv(this.plan, command);
    const started = performance.now();
    const output = new HeadTailBuffer(limits.maxOutputBytes);
    const runawayBytes = Math.max(1024 * 1024, limits.maxOutputBytes * RUNAWAY_OUTPUT_FACTOR);
    return new Promise<ExecResult>((resolve, reject) => {
      // detached: the wrappers and bwrap form one process group we can kill as a whole.
      const child = spawn(argv[0]!, argv.slice(1), {
        stdio: ["pipe", "pipe", "pipe", "pipe"],
        detached: true,
        env: { PATH: "/usr/sbin:/usr/bin:/sbin:/bin" },
      });
      let killed: ExecResult["killed"];
      const kill = (reason: NonNullable<ExecResult["killed"]>) => {
        killed ??= reason;
        try {
          // bwrap's --die-with-parent and the pid namespace take the rest of the tree with it.
          if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
        } catch {
          // Already gone.
        }
      };
      const timer = setTimeout(() => kill("timeout"), (options.timeoutSeconds ?? limits.timeoutSeconds) * 1000);
      // Aborted by the caller, or the sandbox closed under it.
      const cancel = () => kill("cancelled");
      options.signal?.addEventListener("abort", cancel, { once: true });
      if (options.signal?.aborted) cancel();
      this.running.add(cancel);

      let status = "";
      child.stdio[3]?.on("data", (chunk: Buffer) => {
        status += chunk.toString("utf8");
      });
      const onOutput = (chunk: Buffer) => {
        output.push(chunk);
        if (output.total > runawayBytes) kill("output");
      };
      child.stdout!.on("data", onOutput);
      child.stderr!.on("data", onOutput);
      // The command may exit without reading its stdin; that is not our error.
      child.stdin!.on("error", () => {});
      child.stdin!.end(options.stdin ?? "");

      const finish = () => {
        clearTimeout(timer);
        options.signal?.removeEventListener("abort", cancel);
        this.running.delete(cancel);
      };
      child.on("error", (error) => {
        finish();
        reject(new SandboxError("start_failed", `could not start ${argv[0]}: ${error.message}`));
      });
      child.on("close", (code, signal) => {
        finish();
        const durationMs = performance.now() - started;
        const exitMatch = /"exit-code"\s*:\s*(\d+)/.exec(status);
        if (!exitMatch && !killed) {
          reject(
            new SandboxError(
              "start_failed",
              `bwrap did not start the command (exit ${code ?? signal}): ${output.text().trim()}`,
            ),
          );
          return;
        }
        resolve({
          output: output.text(),
          exitCode: killed ? null : Number(exitMatch![1]),
          truncated: output.truncated,
          killed,
          durationMs,
        });
      });
    });
  }

  /** Kills running commands and removes the sandbox's host directory. Idempotent. */
  async close(): Promise<void> {
    this.closed = true;
    for (const kill of this.running) kill();
    await rm(this.hostRoot, { recursive: true, force: true });
  }
}

/** Shorthand for `Sandbox.create`. */
export function createSandbox(files: Record<string, string> | undefined, options?: SandboxOptions): Promise<Sandbox> {
  return Sandbox.create(files, options);
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Copies each sample file into the work dir; paths must stay inside it. */
async function seedFiles(hostWorkDir: string, files: Record<string, string>): Promise<void> {
  for (const [relative, source] of Object.entries(files)) {
    const clean = normalize(relative);
    if (isAbsolute(relative) || clean === ".." || clean.startsWith(`..${sep}`) || clean === ".") {
      throw new SandboxError(
        "seed_failed",
        `sample file path ${JSON.stringify(relative)} must be relative and inside the work directory`,
      );
    }
    const destination = join(hostWorkDir, clean);
    try {
      await mkdir(dirname(destination), { recursive: true });
      // The named source may be a link (dataset caches); links inside a copied directory stay links,
      // resolved inside the sandbox, so a task file cannot pull in host files such as /etc/shadow.
      await cp(await realpath(source), destination, { recursive: true, verbatimSymlinks: true });
    } catch (error) {
      throw new SandboxError(
        "seed_failed",
        `cannot copy sample file ${relative} from ${source}: ${(error as Error).message}`,
      );
    }
  }
}

/** Gives the work dir and everything in it to `id` (lchown: a link's target is not ours to change). */
async function chownTree(root: string, id: number): Promise<void> {
  await lchown(root, id, id);
  for (const entry of await readdir(root, { recursive: true })) await lchown(join(root, entry), id, id);
}

async function systemEntries(): Promise<SystemEntry[]> {
  const entries: SystemEntry[] = [];
  for (const path of SYSTEM_DIRS) {
    const stat = await lstat(path).catch(() => undefined);
    if (!stat) continue;
    entries.push(stat.isSymbolicLink() ? { path, symlinkTarget: await readlink(path) } : { path });
  }
  return entries;
}

async function etcPaths(): Promise<string[]> {
  const names = [...ETC_ENTRIES, ...(await readdir("/etc")).filter((name) => /^python3(\.\d+)?$/.test(name))];
  const found: string[] = [];
  for (const name of names) {
    const path = join("/etc", name);
    if (
      await lstat(path).then(
        () => true,
        () => false,
      )
    )
      found.push(path);
  }
  return found;
}
