import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Db } from "../../platform/db/database.ts";
import { buildDataset } from "../datasets/build-dataset.ts";
import { agentStep, answerMultipleChoice, faults, scriptedAgent, startTestModelServer } from "../test-server/index.ts";
import { createRun, runEmbedded } from "./runner.ts";
import { buildTask, TASKS } from "./tasks.ts";
import { testDeps } from "./testing.ts";

/**
 * Real runs for the viewer's route and browser tests, made by the runner against the aicc TEST
 * server: a CyberMetric-like multiple-choice run over two categories (three answers wrong, one
 * provider failure), a reference run of the same questions, and an InterCode-style agent run whose
 * model writes markup and whose bash call prints to stdout and stderr and exits non-zero.
 */

export const VIEWER_MODEL = "openai-compatible:aicc-test-model";
export const CATEGORIES = ["cryptography", "network security"] as const;
export const QUESTIONS = 8;
/** Questions the candidate answers wrongly (q01-q03) and the one its provider fails on (q08). */
export const WRONG = ["q01", "q02", "q03"];
export const FAILING = "q08";
export const CTF_FLAG = "picoCTF{v13w3r_fl4g}";
export const XSS_TEXT = "<script>window.__xss=1</script>";
export const STDERR_TEXT = "<b>not bold</b> on stderr";

const question = (i: number) => `Which option is right in question ${i}?`;
const rightLetter = (i: number) => "ABCD"[(i - 1) % 4]!;
const wrongLetter = (i: number) => (rightLetter(i) === "A" ? "B" : "A");

async function multipleChoiceTask() {
  const dataset = await buildDataset({
    name: "cybermetric-like",
    samples: Array.from({ length: QUESTIONS }, (_, k) => ({
      id: `q${String(k + 1).padStart(2, "0")}`,
      input: question(k + 1),
      choices: ["alpha", "beta", "gamma", "delta"],
      target: rightLetter(k + 1),
      category: CATEGORIES[k % 2],
      metadata: {},
    })),
    source: { path: "(inline)", description: "CyberMetric-like questions for the viewer tests" },
  });
  return buildTask(TASKS["cybermetric-80"]!, dataset);
}

export interface ViewerRuns {
  /** The multiple-choice candidate: 4 of 7 scored right, 1 infrastructure error. */
  candidate: string;
  /** Every question right: the reference of the paired comparison. */
  reference: string;
  /** One agent sample that finds the flag with bash. */
  agent: string;
}

const quiet = { warn: () => undefined, error: () => undefined };

/** Runs the three runs to completion in `db` (a few seconds: the agent's bash runs in the sandbox). */
export async function createViewerRuns(db: Db): Promise<ViewerRuns> {
  const task = await multipleChoiceTask();
  const candidateServer = await startTestModelServer({
    script: (request) => {
      const text = request.messages.at(-1)?.content ?? "";
      const i = Number(/question (\d+)\?/.exec(text)?.[1]);
      if (`q${String(i).padStart(2, "0")}` === FAILING) return faults.serverError();
      return answerMultipleChoice({
        letter: WRONG.includes(`q${String(i).padStart(2, "0")}`) ? wrongLetter(i) : rightLetter(i),
      })(request);
    },
  });
  const referenceServer = await startTestModelServer({
    script: (request) => {
      const i = Number(/question (\d+)\?/.exec(request.messages.at(-1)?.content ?? "")?.[1]);
      return answerMultipleChoice({ letter: rightLetter(i) })(request);
    },
  });
  const agentServer = await startTestModelServer({
    script: scriptedAgent([
      { ...agentStep.bash(`cat flag.txt; echo '${STDERR_TEXT}' >&2; exit 3`), text: `Looking around. ${XSS_TEXT}` },
      agentStep.submitMatch(/picoCTF\{[^}]*\}/),
    ]),
  });
  const dir = mkdtempSync(path.join(tmpdir(), "aicc-viewer-ctf-"));
  try {
    writeFileSync(path.join(dir, "flag.txt"), `${CTF_FLAG}\n`);
    const ctf = await buildDataset({
      name: "intercode-like",
      samples: [
        {
          id: "ctf-xss",
          input: "The flag is in a file in your working directory.",
          target: CTF_FLAG,
          category: "forensics",
          files: { "flag.txt": path.join(dir, "flag.txt") },
          metadata: {},
        },
      ],
      source: { path: "(inline)", description: "an InterCode-style task for the viewer tests" },
    });
    const run = async (server: { baseUrl: string }, t: typeof task) => {
      const { id } = await createRun(db, t, VIEWER_MODEL, { maxAttempts: 1 });
      await runEmbedded(testDeps(db, server.baseUrl, { maxAttempts: 1 }), id, {
        concurrency: 2,
        pollMs: 20,
        logger: quiet,
      });
      return id;
    };
    const reference = await run(referenceServer, task);
    const candidate = await run(candidateServer, task);
    const agent = await run(agentServer, buildTask(TASKS["intercode-ctf"]!, ctf));
    return { candidate, reference, agent };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await Promise.all([candidateServer.close(), referenceServer.close(), agentServer.close()]);
  }
}
