import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { after, before, describe, it } from "node:test";
import { createSandbox, type Sandbox } from "./sandbox.ts";

// Real bubblewrap, real processes: the resource limits, each shown stopping what it is for.
const sh = (script: string) => ["/bin/sh", "-c", script];

describe("sandbox limits", () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await createSandbox(undefined, {
      limits: {
        cpuSeconds: 1,
        memoryBytes: 256 * 1024 * 1024,
        maxProcesses: 24,
        fileSizeBytes: 1024 * 1024,
        timeoutSeconds: 3,
      },
    });
  });
  after(() => sandbox.close());

  it("stops an infinite loop at the CPU limit", async () => {
    // A generous wall time: on a loaded machine one CPU second can take several seconds of wall time.
    const result = await sandbox.exec(sh("while :; do :; done"), { timeoutSeconds: 30 });
    assert.equal(result.killed, undefined, "the CPU limit, not the wall time, ends it");
    // SIGXCPU (128+24) or SIGKILL (128+9), depending on when the kernel notices the hard limit.
    assert.ok(result.exitCode === 152 || result.exitCode === 137, `exit ${result.exitCode}`);
  });

  it("kills a sleeping command at the wall-time limit", async () => {
    const result = await sandbox.exec(sh("sleep 60"), { timeoutSeconds: 0.5 });
    assert.equal(result.killed, "timeout");
    assert.equal(result.exitCode, null);
    assert.ok(result.durationMs < 10_000);
  });

  it("caps the number of processes", async () => {
    const code = [
      "import os, time",
      "children = []",
      "try:",
      "    while len(children) < 500:",
      "        pid = os.fork()",
      "        if pid == 0:",
      "            time.sleep(30); os._exit(0)",
      "        children.append(pid)",
      "except OSError as e:",
      "    print('fork failed after', len(children))",
      "for pid in children: os.kill(pid, 9)",
    ].join("\n");
    const result = await sandbox.exec(["/usr/bin/python3", "-"], { stdin: code });
    const forked = Number(/fork failed after (\d+)/.exec(result.output)?.[1]);
    assert.ok(forked < 24, result.output);
  });

  it("stops a fork bomb and leaves no process behind", async () => {
    const marker = `aicc_bomb_${process.pid}`;
    const result = await sandbox.exec(
      ["/bin/bash", "-c", `${marker}() { ${marker} | ${marker} & }; ${marker}; sleep 60`],
      {
        timeoutSeconds: 1,
      },
    );
    assert.equal(result.killed, "timeout");
    await new Promise((resolve) => setTimeout(resolve, 300));
    const survivors = spawnSync("/usr/bin/pgrep", ["-f", "-c", marker], { encoding: "utf8" }).stdout.trim();
    assert.equal(survivors, "0");
  });

  it("keeps one sandbox's fork bomb from starving another sandbox", async () => {
    const neighbour = await createSandbox(undefined, { limits: { maxProcesses: 24 } });
    try {
      const bomb = sandbox.exec(["/bin/bash", "-c", "b() { b | b & }; b; sleep 60"], { timeoutSeconds: 2 });
      await new Promise((resolve) => setTimeout(resolve, 500));
      const work = await neighbour.exec(
        sh("for i in 1 2 3 4 5 6 7 8; do (sleep 0.1; echo $i) & done; wait; echo done"),
      );
      assert.equal(work.exitCode, 0, work.output);
      assert.match(work.output, /done\n$/);
      assert.doesNotMatch(work.output, /fork|Resource temporarily unavailable/);
      assert.equal((await bomb).killed, "timeout");
    } finally {
      await neighbour.close();
    }
  });

  it("caps memory (address space)", async () => {
    const result = await sandbox.exec([
      "/usr/bin/python3",
      "-c",
      "b = bytearray(512 * 1024 * 1024); print('allocated')",
    ]);
    assert.match(result.output, /MemoryError/);
    assert.notEqual(result.exitCode, 0);
  });

  it("caps the size of a written file", async () => {
    await sandbox.exec(sh("head -c 2000000 /dev/zero > big"));
    // Measured in a second call: the shell's "File size limit exceeded" notice may interleave with stdout.
    const size = await sandbox.exec(sh("stat -c %s big"));
    assert.equal(size.output.trim(), String(1024 * 1024));
  });

  it("sets the same limits through the ulimit wrapper when prlimit is not used", async () => {
    const fallback = await createSandbox(undefined, { limiter: "ulimit", limits: { cpuSeconds: 7, maxProcesses: 33 } });
    try {
      const result = await fallback.exec(["/bin/bash", "-c", "ulimit -t; ulimit -u; ulimit -v"]);
      assert.equal(result.output, `7\n33\n${1024 * 1024}\n`);
    } finally {
      await fallback.close();
    }
  });
});
