import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { createSandbox, type Sandbox } from "./sandbox.ts";
import { SandboxError } from "./sandbox-error.ts";

// Real bubblewrap, real processes: these tests are the evidence for the sandbox's properties.
const fixtures = mkdtempSync(join(tmpdir(), "aicc-sandbox-test-"));
writeFileSync(join(fixtures, "flag.txt"), "picoCTF{s4ndb0x3d}\n");
after(() => rmSync(fixtures, { recursive: true, force: true }));
const sh = (script: string) => ["/bin/sh", "-c", script];

describe("sandbox (bubblewrap)", () => {
  let sandbox: Sandbox;
  before(async () => {
    process.env.AICC_SANDBOX_TEST_SECRET = "do-not-leak";
    sandbox = await createSandbox({
      "flag.txt": join(fixtures, "flag.txt"),
      "task/copy.txt": join(fixtures, "flag.txt"),
    });
  });
  after(() => sandbox.close());

  it("runs as nobody (uid 65534) with no capabilities", async () => {
    const result = await sandbox.exec(sh("id -u; id -g; grep -E '^Cap(Eff|Prm|Bnd)' /proc/self/status"));
    assert.equal(result.exitCode, 0);
    const [uid, gid, ...caps] = result.output.trim().split("\n");
    assert.equal(uid, "65534");
    assert.equal(gid, "65534");
    assert.deepEqual(
      caps.map((line) => line.split(/\s+/)[1]),
      ["0000000000000000", "0000000000000000", "0000000000000000"],
    );
  });

  it("seeds the sample's files and keeps the work dir between calls", async () => {
    const seeded = await sandbox.exec(sh("pwd; cat flag.txt task/copy.txt; echo state > note.txt"));
    assert.equal(seeded.output, "/work\npicoCTF{s4ndb0x3d}\npicoCTF{s4ndb0x3d}\n");
    assert.equal((await sandbox.exec(sh("cat note.txt"))).output, "state\n");
    if (process.getuid?.() === 0) {
      // On the host, the sandbox's files belong to its own unprivileged uid, never to root.
      assert.ok(sandbox.hostId !== undefined && sandbox.hostId > 65534);
      assert.equal(statSync(join(sandbox.hostWorkDir, "note.txt")).uid, sandbox.hostId);
      assert.equal(statSync(join(sandbox.hostWorkDir, "flag.txt")).uid, sandbox.hostId);
    }
  });

  it("copies a task directory with its links kept as links, never pulling in host files", async () => {
    const dir = join(fixtures, "task-dir");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "data.txt"), "data\n");
    symlinkSync("data.txt", join(dir, "relative-link"));
    symlinkSync("/etc/shadow", join(dir, "host-link"));
    const seeded = await createSandbox({ task: dir });
    try {
      const result = await seeded.exec(sh("cat task/relative-link; cat task/host-link 2>/dev/null || echo no-shadow"));
      assert.equal(result.output, "data\nno-shadow\n");
    } finally {
      await seeded.close();
    }
  });

  it("has no network: only a loopback interface, and the host's listeners are unreachable", async () => {
    let connections = 0;
    const server = createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const code = [
        "import socket",
        "for host in ('127.0.0.1', '10.255.255.1'):",
        "    try:",
        `        socket.create_connection((host, ${port}), timeout=2); print(host, 'connected')`,
        "    except OSError as e:",
        "        print(host, 'failed', e.errno)",
      ].join("\n");
      const result = await sandbox.exec(["/usr/bin/python3", "-"], { stdin: code });
      assert.match(result.output, /127\.0\.0\.1 failed/);
      assert.match(result.output, /10\.255\.255\.1 failed/);
      const interfaces = await sandbox.exec(sh("tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' '"));
      assert.equal(interfaces.output, "lo\n");
      assert.equal(connections, 0);
    } finally {
      server.close();
    }
  });

  it("cannot write outside the work dir; /tmp is private to one call", async () => {
    const marker = `aicc-sandbox-marker-${process.pid}`;
    const result = await sandbox.exec(
      sh(
        `for p in /x /usr/x /etc/x /proc/x; do touch $p 2>/dev/null && echo wrote $p; done; touch /tmp/${marker} && echo tmp-ok`,
      ),
    );
    assert.equal(result.output, "tmp-ok\n");
    assert.equal(existsSync(join("/tmp", marker)), false);
    assert.equal((await sandbox.exec(sh(`ls /tmp/${marker} 2>/dev/null || echo gone`))).output, "gone\n");
  });

  it("passes none of the host's environment", async () => {
    const result = await sandbox.exec(sh("env"));
    assert.doesNotMatch(result.output, /AICC_SANDBOX_TEST_SECRET|do-not-leak/);
    assert.match(result.output, /^HOME=\/work$/m);
  });

  it("keeps the head and tail of a huge output and marks it truncated", async () => {
    const result = await sandbox.exec(sh("seq 1 100000"));
    assert.equal(result.truncated, true);
    assert.equal(result.exitCode, 0);
    assert.ok(result.output.startsWith("1\n2\n3\n"));
    assert.ok(result.output.endsWith("99999\n100000\n"));
    assert.match(result.output, /\n\[\.\.\. output truncated: \d+ of 588895 bytes omitted \.\.\.\]\n/);
    assert.ok(result.output.length < 17 * 1024);
  });

  it("kills a command whose output runs away", async () => {
    const result = await sandbox.exec(["/usr/bin/yes"]);
    assert.equal(result.killed, "output");
    assert.equal(result.truncated, true);
    assert.equal(result.exitCode, null);
  });

  it("returns a failing command's exit code and output as a result", async () => {
    const result = await sandbox.exec(sh("echo oops >&2; exit 3"));
    assert.deepEqual([result.exitCode, result.output, result.killed], [3, "oops\n", undefined]);
  });

  it("kills the command when the caller aborts", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const result = await sandbox.exec(sh("sleep 30"), { signal: controller.signal });
    assert.equal(result.killed, "cancelled");
    assert.ok(result.durationMs < 10_000);
  });
});

describe("sandbox set-up failures are typed infrastructure errors", () => {
  it("names the Debian package when bwrap is missing", async () => {
    await assert.rejects(createSandbox(undefined, { bwrapPath: "/nonexistent/bwrap" }), (error: unknown) => {
      assert.ok(error instanceof SandboxError);
      assert.equal(error.code, "bwrap_missing");
      assert.equal(error.kind, "infrastructure");
      assert.match(error.message, /bubblewrap/);
      return true;
    });
  });

  it("rejects a sample file path that leaves the work dir", async () => {
    await assert.rejects(createSandbox({ "../escape.txt": join(fixtures, "flag.txt") }), {
      name: "SandboxError",
      code: "seed_failed",
    });
    await assert.rejects(createSandbox({ "a.txt": join(fixtures, "missing.txt") }), { code: "seed_failed" });
  });

  it("reports a sandbox that cannot start", async () => {
    await assert.rejects(createSandbox(undefined, { bwrapPath: "/bin/false" }), { code: "start_failed" });
  });

  it("removes its host directory on close and refuses further calls", async () => {
    const sandbox = await createSandbox(undefined);
    const hostWorkDir = sandbox.hostWorkDir;
    assert.ok(existsSync(hostWorkDir));
    await sandbox.close();
    assert.equal(existsSync(hostWorkDir), false);
    await assert.rejects(sandbox.exec(sh("true")), { code: "closed" });
  });
});
