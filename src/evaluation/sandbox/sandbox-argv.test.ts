import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_SANDBOX_LIMITS, type SandboxPlan, sandboxArgv } from "./sandbox-argv.ts";

const plan: SandboxPlan = {
  bwrapPath: "/usr/bin/bwrap",
  dropTo: { setprivPath: "/usr/bin/setpriv", hostId: 2013265921 },
  prlimitPath: "/usr/bin/prlimit",
  hostWorkDir: "/tmp/s/work",
  passwdFile: "/tmp/s/passwd",
  groupFile: "/tmp/s/group",
  workDir: "/work",
  systemEntries: [{ path: "/usr" }, { path: "/bin", symlinkTarget: "usr/bin" }],
  etcPaths: ["/etc/ld.so.cache"],
  limits: DEFAULT_SANDBOX_LIMITS,
  env: { PATH: "/usr/bin:/bin" },
};

/** True when `flags` appear in `argv` in order and next to each other. */
function hasRun(argv: string[], ...flags: string[]): boolean {
  return argv.some((_, i) => flags.every((flag, j) => argv[i + j] === flag));
}

describe("sandboxArgv", () => {
  it("limits, then drops to nobody, then isolates with bwrap, then runs the command", () => {
    const argv = sandboxArgv(plan, ["/bin/true"]);
    assert.deepEqual(argv.slice(0, 7), [
      "/usr/bin/prlimit",
      "--cpu=60",
      "--as=1073741824",
      "--nproc=128",
      "--fsize=268435456",
      "--core=0",
      "--",
    ]);
    assert.deepEqual(argv.slice(7, 13), [
      "/usr/bin/setpriv",
      "--reuid=2013265921",
      "--regid=2013265921",
      "--clear-groups",
      "--no-new-privs",
      "--",
    ]);
    assert.equal(argv[13], "/usr/bin/bwrap");
    assert.deepEqual(argv.slice(-2), ["--", "/bin/true"]);
  });

  it("shares no namespace and keeps no capability", () => {
    const argv = sandboxArgv(plan, ["/bin/true"]);
    for (const flags of [
      ["--unshare-all"],
      ["--unshare-user"],
      ["--disable-userns"],
      ["--cap-drop", "ALL"],
      ["--uid", "65534"],
      ["--gid", "65534"],
      ["--die-with-parent"],
      ["--new-session"],
      ["--clearenv"],
    ]) {
      assert.ok(hasRun(argv, ...flags), flags.join(" "));
    }
    assert.ok(!argv.includes("--share-net"));
  });

  it("mounts the system read-only and only the work dir read-write", () => {
    const argv = sandboxArgv(plan, ["/bin/true"]);
    assert.ok(hasRun(argv, "--ro-bind", "/usr", "/usr"));
    assert.ok(hasRun(argv, "--symlink", "usr/bin", "/bin"));
    assert.ok(hasRun(argv, "--ro-bind", "/etc/ld.so.cache", "/etc/ld.so.cache"));
    assert.ok(hasRun(argv, "--bind", "/tmp/s/work", "/work"));
    assert.equal(argv.filter((arg) => arg === "--bind").length, 1);
    assert.ok(hasRun(argv, "--remount-ro", "/"));
    assert.ok(hasRun(argv, "--size", String(64 * 1024 * 1024), "--tmpfs", "/tmp"));
  });

  it("sets limits with a bash ulimit wrapper inside the sandbox when prlimit is absent", () => {
    const argv = sandboxArgv({ ...plan, prlimitPath: undefined, dropTo: undefined }, ["/bin/true"]);
    assert.equal(argv[0], "/usr/bin/bwrap");
    const tail = argv.slice(argv.lastIndexOf("--") + 1);
    assert.equal(tail[0], "/bin/bash");
    assert.match(
      tail[2]!,
      /ulimit -t 60 && ulimit -v 1048576 && ulimit -u 128 && ulimit -f 262144 && ulimit -c 0 && exec "\$@"/,
    );
    assert.deepEqual(tail.slice(3), ["bash", "/bin/true"]);
  });
});
