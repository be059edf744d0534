import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Sample, ToolBox } from "../model.ts";
import { createSandboxToolBox, describeResult, sandboxToolDefinition } from "./tools.ts";

const fixtures = mkdtempSync(join(tmpdir(), "aicc-tools-test-"));
writeFileSync(join(fixtures, "notes.txt"), "hello from the task\n");
const sample: Sample = {
  id: "s1",
  input: "do it",
  target: "",
  metadata: {},
  files: { "notes.txt": join(fixtures, "notes.txt") },
};
after(() => rmSync(fixtures, { recursive: true, force: true }));
const signal = new AbortController().signal;

describe("sandbox tool definitions", () => {
  it("describe bash, python and submit with JSON-schema parameters", () => {
    assert.deepEqual(sandboxToolDefinition("bash").parameters, {
      type: "object",
      properties: { cmd: { type: "string", description: "The bash command to run." } },
      required: ["cmd"],
      additionalProperties: false,
    });
    assert.deepEqual(sandboxToolDefinition("python").parameters.required, ["code"]);
    assert.deepEqual(sandboxToolDefinition("submit").parameters.required, ["answer"]);
    assert.match(sandboxToolDefinition("bash", "/ctf").description, /\/ctf/);
  });
});

describe("createSandboxToolBox", () => {
  let tools: ToolBox;
  before(async () => {
    tools = await createSandboxToolBox(sample);
  });
  after(() => tools.close());

  it("offers the three tools", () => {
    assert.deepEqual(
      tools.definitions.map((d) => d.name),
      ["bash", "python", "submit"],
    );
  });

  it("runs bash in the work dir with the sample's files, keeping state between calls", async () => {
    const first = await tools.call(
      { id: "1", name: "bash", arguments: { cmd: "cat notes.txt; echo 42 > answer.txt" } },
      signal,
    );
    assert.deepEqual(first, { output: "hello from the task\n", exitCode: 0, truncated: false });
    const second = await tools.call({ id: "2", name: "bash", arguments: { cmd: "cat answer.txt" } }, signal);
    assert.equal(second.output, "42\n");
  });

  it("runs python code given on stdin", async () => {
    const result = await tools.call(
      {
        id: "3",
        name: "python",
        arguments: { code: "import os\nprint(os.getuid(), open('answer.txt').read().strip())" },
      },
      signal,
    );
    assert.equal(result.output, "65534 42\n");
  });

  it("reports a failing command's exit code to the model", async () => {
    const result = await tools.call({ id: "4", name: "bash", arguments: { cmd: "ls /nonexistent" } }, signal);
    assert.equal(result.exitCode, 2);
    assert.match(result.output, /No such file or directory\n\[exit code 2\]$/);
  });

  it("returns the submitted answer", async () => {
    const result = await tools.call({ id: "5", name: "submit", arguments: { answer: "picoCTF{x}" } }, signal);
    assert.equal(result.submitted, "picoCTF{x}");
  });

  it("answers unknown tools and bad arguments with an error message, not an exception", async () => {
    const unknown = await tools.call({ id: "6", name: "curl", arguments: {} }, signal);
    assert.match(unknown.output, /^Error: no tool named "curl"/);
    const bad = await tools.call({ id: "7", name: "bash", arguments: { command: "ls" } }, signal);
    assert.match(bad.output, /^Error: invalid arguments for bash: cmd:/);
  });

  it("offers only the tools asked for", async () => {
    const onlySubmit = await createSandboxToolBox(sample, { tools: ["submit"] });
    try {
      assert.deepEqual(
        onlySubmit.definitions.map((d) => d.name),
        ["submit"],
      );
      assert.match(
        (await onlySubmit.call({ id: "8", name: "bash", arguments: { cmd: "id" } }, signal)).output,
        /^Error/,
      );
    } finally {
      await onlySubmit.close();
    }
  });
});

describe("describeResult", () => {
  it("says when there was no output or the command was stopped", () => {
    const base = { output: "", exitCode: 0, truncated: false, durationMs: 1 };
    assert.equal(describeResult(base, 60), "[no output]");
    assert.equal(
      describeResult({ ...base, output: "partial", exitCode: null, killed: "timeout" }, 60),
      "partial\n[killed: wall-time limit of 60 s reached]",
    );
    assert.equal(describeResult({ ...base, exitCode: 1 }, 60), "[exit code 1]");
  });
});
