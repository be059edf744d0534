import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { test } from "node:test";
import { openTestStore } from "../../platform/db/testing.ts";
import { answerMultipleChoice, startTestModelServer } from "../test-server/index.ts";
import { answerKey } from "./testing.ts";

const QUESTIONS = 12;
const EPOCHS = 2;
const KILL_AFTER = 8;

/** A runner process (kill-resume.fixture.ts) with its stdout lines parsed as they come. */
function runner(vars: Record<string, string>) {
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", path.join(import.meta.dirname, "kill-resume.fixture.ts")],
    { env: { ...process.env, ...vars }, stdio: ["ignore", "pipe", "pipe"] },
  );
  const exited = once(child, "exit") as Promise<[number | null, string | null]>;
  const lines: string[] = [];
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const listeners: ((line: string) => void)[] = [];
  createInterface({ input: child.stdout! }).on("line", (line) => {
    lines.push(line);
    for (const listener of listeners) listener(line);
  });
  const value = (prefix: string) => {
    const line = lines.find((l) => l.startsWith(`${prefix} `));
    return line?.slice(prefix.length + 1);
  };
  return { child, exited, onLine: (f: (line: string) => void) => listeners.push(f), value, stderr: () => stderr };
}

/** The sample id (`q01`…) a request's conversation belongs to. */
const sampleOf = (conversation: string) => `q${(/Question (\d+)\?/.exec(conversation)?.[1] ?? "?").padStart(2, "0")}`;

test("a run SIGKILLed midway resumes without repeating a single completed model call", {
  timeout: 120_000,
}, async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), "aicc-kill-resume-"));
  const template = path.join(dir, "template.tar");
  const seed = await openTestStore("pglite");
  writeFileSync(template, Buffer.from(await (await seed.dumpDataDir!()).arrayBuffer()));
  await seed.close();
  const server = await startTestModelServer({
    latencyMs: 120,
    script: answerMultipleChoice({ answerKey: answerKey(QUESTIONS, 3) }),
  });
  const common = { DATA_DIR: path.join(dir, "pgdata"), BASE_URL: server.baseUrl };
  try {
    const first = runner({ ...common, TEMPLATE: template, QUESTIONS: String(QUESTIONS), EPOCHS: String(EPOCHS) });
    let killedAt = -1;
    first.onLine((line) => {
      const done = line.startsWith("done ") ? Number(line.slice(5)) : -1;
      if (done >= KILL_AFTER && killedAt < 0) {
        killedAt = done;
        first.child.kill("SIGKILL");
      }
    });
    const [, signal] = await first.exited;
    assert.equal(signal, "SIGKILL", `the run ended before it was killed:\n${first.stderr()}`);
    const runId = first.value("run")!;
    const requestsBefore = server.requests().length;

    const second = runner({ ...common, RUN_ID: runId });
    const [code] = await second.exited;
    assert.equal(code, 0, second.stderr());
    // Model calls the killed process completed (answer received and stored), per `sample#epoch`.
    const completed = JSON.parse(second.value("completed")!) as Record<string, number>;
    const completedTotal = Object.values(completed).reduce((a, b) => a + b, 0);
    assert.ok(completedTotal >= KILL_AFTER && completedTotal < QUESTIONS * EPOCHS, `completed ${completedTotal}`);

    const results = JSON.parse(second.value("results")!);
    assert.equal(results.scored, QUESTIONS * EPOCHS);
    assert.deepEqual(results.errors, {});
    assert.equal(results.accuracy.mean, (QUESTIONS - 3) / QUESTIONS);

    // The resumed process asked only for what the killed one had not received: per sample, the calls
    // still missing. A call cut off by the kill (sent, never answered) is asked again; nothing else is.
    const after = new Map<string, number>();
    for (const r of server.requests().slice(requestsBefore))
      after.set(sampleOf(r.conversation), (after.get(sampleOf(r.conversation)) ?? 0) + 1);
    assert.ok(Object.values(completed).every((n) => n === 1));
    for (let k = 1; k <= QUESTIONS; k++) {
      const id = `q${String(k).padStart(2, "0")}`;
      const done = (completed[`${id}#1`] ?? 0) + (completed[`${id}#2`] ?? 0);
      assert.equal(after.get(id) ?? 0, EPOCHS - done, `sample ${id}: calls after the resume`);
    }
    const cutOff = requestsBefore - completedTotal;
    assert.ok(cutOff >= 0 && cutOff <= 3, `calls in flight at the kill: ${cutOff}`);
    assert.equal(server.requests().length, QUESTIONS * EPOCHS + cutOff);
    t.diagnostic(
      `killed after ${killedAt} (sample, epoch)s done; ${completedTotal} model calls completed before the kill and ` +
        `${cutOff} in flight; the resume made ${server.requests().length - requestsBefore} calls, ` +
        `repeating 0 completed calls (only the ${cutOff} cut off)`,
    );
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
