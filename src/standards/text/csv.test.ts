import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { parseCsv, parseCsvRows } from "./csv.ts";

describe("CSV options", () => {
  it("gives each record the line it starts on, quoted line breaks included", () => {
    assert.deepEqual(parseCsvRows('a,b\r\n"x, y","say ""hi"""\n"multi\nline",z\n'), {
      ok: true,
      value: [
        { line: 1, fields: ["a", "b"] },
        { line: 2, fields: ["x, y", 'say "hi"'] },
        { line: 3, fields: ["multi\nline", "z"] },
      ],
    });
  });

  it("reads another delimiter and drops a byte-order mark only when asked", () => {
    assert.deepEqual(parseCsv("\uFEFFa;b\n1;2", { delimiter: ";", stripBom: true }), {
      ok: true,
      value: [
        ["a", "b"],
        ["1", "2"],
      ],
    });
    assert.deepEqual(parseCsv("\uFEFFa;b", { delimiter: ";" }), { ok: true, value: [["\uFEFFa", "b"]] });
    assert.deepEqual(parseCsv("a,b;c", { delimiter: ";" }), { ok: true, value: [["a,b", "c"]] });
    assert.equal((parseCsv("a", { delimiter: '"' }) as { error: { code: string } }).error.code, "csv.bad_delimiter");
  });

  it("lenient quotes: a quote inside a field and text after a closing quote are plain text", () => {
    assert.deepEqual(parseCsv('a,b"c\n"x"y,"p"q"r', { lenientQuotes: true }), {
      ok: true,
      value: [
        ["a", 'b"c'],
        ["xy", 'pq"r'],
      ],
    });
    assert.equal((parseCsv('a,"b"c') as { error: { code: string } }).error.code, "csv.stray_quote");
    assert.deepEqual(parseCsv('a,"b\n', { lenientQuotes: true }), {
      ok: false,
      error: { code: "csv.unterminated_quote", message: "a quoted field is not closed", path: "1" },
    });
  });

  it("fuzz: never throws with any options, and lenient reading accepts what strict reading accepts, alike", () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom(",", ";", "\t"), fc.boolean(), (text, delimiter, lenientQuotes) => {
        const result = parseCsv(text, { delimiter, lenientQuotes, stripBom: true });
        if (!result.ok) assert.match(result.error.code, /^csv\./);
        const strict = parseCsv(text, { delimiter });
        if (strict.ok) assert.deepEqual(parseCsv(text, { delimiter, lenientQuotes: true }), strict);
      }),
      { numRuns: 1000 },
    );
  });
});
