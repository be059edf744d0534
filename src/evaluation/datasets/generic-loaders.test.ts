import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { loadCsv } from "./csv-loader.ts";
import { DatasetError } from "./dataset-error.ts";
import { loadJsonl } from "./jsonl.ts";

let root: string;
let n = 0;

async function put(content: string, ext: string): Promise<string> {
  const file = join(root, `f${n++}.${ext}`);
  await writeFile(file, content);
  return file;
}

before(async () => {
  root = await mkdtemp(join(tmpdir(), "aicc-generic-"));
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("JSONL", () => {
  it("maps fields, keeps unmapped ones as metadata and skips blank lines", async () => {
    const file = await put(
      [
        JSON.stringify({
          key: "q1",
          prompt: "2+2?",
          options: ["3", "4"],
          gold: "B",
          tactic: "Recon",
          family: "math",
          extra: 1,
        }),
        "",
        JSON.stringify({
          key: "q2",
          prompt: "Capital?",
          options: { A: "Paris", B: "Rome" },
          gold: "A",
          tactic: "Recon",
        }),
      ].join("\n"),
      "jsonl",
    );
    const dataset = await loadJsonl(file, {
      name: "mine",
      fields: { id: "key", input: "prompt", choices: "options", target: "gold", category: "tactic", cluster: "family" },
      licence: "CC0-1.0",
    });
    assert.equal(dataset.name, "mine");
    assert.equal(dataset.source.licence, "CC0-1.0");
    assert.deepEqual(dataset.samples[0], {
      id: "q1",
      input: "2+2?",
      choices: ["3", "4"],
      target: "B",
      category: "Recon",
      cluster: "math",
      metadata: { extra: 1 },
    });
    assert.deepEqual(dataset.samples[1]?.choices, ["Paris", "Rome"]);
  });

  it("uses the line number as id and accepts a list of targets", async () => {
    const file = await put(`\n${JSON.stringify({ q: "x", a: ["y", "z"] })}\n`, "jsonl");
    const dataset = await loadJsonl(file, { name: "t", fields: { input: "q", target: "a" } });
    assert.equal(dataset.samples[0]?.id, "2");
    assert.deepEqual(dataset.samples[0]?.target, ["y", "z"]);
  });

  it("names file, line and field for bad JSON, a missing field and a duplicate id", async () => {
    const syntax = await put('{"q": "a"}\n{"q": }\n', "jsonl");
    await assert.rejects(loadJsonl(syntax, { name: "t", fields: { input: "q" } }), (error: unknown) => {
      assert.ok(error instanceof DatasetError);
      assert.equal(error.file, syntax);
      assert.deepEqual(error.location, { line: 2 });
      return true;
    });
    const missing = await put('{"q": "a"}\n{"question": "b"}\n', "jsonl");
    await assert.rejects(
      loadJsonl(missing, { name: "t", fields: { input: "q" } }),
      new RegExp(`${missing.replaceAll(".", "\\.")}:2 field "q": expected a string, got nothing`),
    );
    const duplicate = await put('{"id": 1, "q": "a"}\n{"id": 1, "q": "b"}\n', "jsonl");
    await assert.rejects(
      loadJsonl(duplicate, { name: "t", fields: { input: "q", id: "id" } }),
      /:2 field "id": duplicate sample id 1/,
    );
  });

  it("rejects a file with no records", async () => {
    await assert.rejects(loadJsonl(await put("\n\n", "jsonl"), { name: "t", fields: { input: "q" } }), /no records/);
  });
});

describe("CSV", () => {
  it("reads another delimiter, drops a byte-order mark and tolerates stray quotes", async () => {
    const file = await put('\uFEFFq;answer\nsay "hi";A\n"quoted" tail;B\n', "csv");
    const dataset = await loadCsv(file, { name: "csv", delimiter: ";", fields: { input: "q", target: "answer" } });
    assert.deepEqual(
      dataset.samples.map((s) => [s.id, s.input, s.target]),
      [
        ["2", 'say "hi"', "A"],
        ["3", "quoted tail", "B"],
      ],
    );
  });

  it("maps columns, choices from several columns, and treats an empty cell as absent", async () => {
    const file = await put(
      'question,A,B,answer,topic\n"Which port, usually, is SSH?",22,80,A,net\nWhich is a hash?,SHA-256,AES,A,\n',
      "csv",
    );
    const dataset = await loadCsv(file, {
      name: "csv",
      fields: { input: "question", choices: ["A", "B"], target: "answer", category: "topic" },
    });
    assert.deepEqual(
      dataset.samples.map((s) => [s.id, s.input, s.choices, s.target, s.category]),
      [
        ["2", "Which port, usually, is SSH?", ["22", "80"], "A", "net"],
        ["3", "Which is a hash?", ["SHA-256", "AES"], "A", undefined],
      ],
    );
  });

  it("names the line of a row with the wrong cell count, an unclosed quote and an empty required cell", async () => {
    const short = await put("q,a\nx,y\nz\n", "csv");
    await assert.rejects(loadCsv(short, { name: "t", fields: { input: "q" } }), /:3: expected 2 cells, got 1/);
    const unclosed = await put('q,a\nx,y\n"open,z\n', "csv");
    await assert.rejects(loadCsv(unclosed, { name: "t", fields: { input: "q" } }), /:3: a quoted field is not closed/);
    const empty = await put("q,a\nx,y\n,z\n", "csv");
    await assert.rejects(loadCsv(empty, { name: "t", fields: { input: "q" } }), /:3 field "q": is empty/);
  });

  it("reports a missing file as a DatasetError", async () => {
    await assert.rejects(
      loadCsv(join(root, "nope.csv"), { name: "t", fields: { input: "q" } }),
      /nope\.csv: file not found/,
    );
  });
});
