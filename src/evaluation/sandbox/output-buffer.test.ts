import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { HeadTailBuffer } from "./output-buffer.ts";

describe("HeadTailBuffer", () => {
  it("keeps everything within the budget", () => {
    const buffer = new HeadTailBuffer(10);
    buffer.push(Buffer.from("hello "));
    buffer.push(Buffer.from("you"));
    assert.equal(buffer.text(), "hello you");
    assert.equal(buffer.truncated, false);
  });

  it("keeps the first and last halves and says how much it dropped", () => {
    const buffer = new HeadTailBuffer(6);
    buffer.push(Buffer.from("abcdefghij"));
    assert.equal(buffer.truncated, true);
    assert.equal(buffer.text(), "abc\n[... output truncated: 4 of 10 bytes omitted ...]\nhij");
  });

  it("equals head + tail of the whole stream for any chunking", () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 20 }),
        fc.integer({ min: 1, max: 64 }),
        (chunks, max) => {
          const buffer = new HeadTailBuffer(max);
          for (const chunk of chunks) buffer.push(Buffer.from(chunk));
          const all = Buffer.concat(chunks.map((chunk) => Buffer.from(chunk)));
          assert.equal(buffer.total, all.length);
          if (all.length <= max) {
            assert.equal(buffer.truncated, false);
            assert.equal(buffer.text(), all.toString("utf8"));
          } else {
            const head = all.subarray(0, Math.ceil(max / 2)).toString("utf8");
            const tail = all.subarray(all.length - Math.floor(max / 2)).toString("utf8");
            const omitted = all.length - Math.ceil(max / 2) - Math.floor(max / 2);
            assert.equal(
              buffer.text(),
              `${head}\n[... output truncated: ${omitted} of ${all.length} bytes omitted ...]\n${tail}`,
            );
          }
        },
      ),
    );
  });
});
