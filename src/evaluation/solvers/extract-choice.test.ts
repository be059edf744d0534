import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { choiceLetter, extractChoice, extractFinalAnswer } from "./extract-choice.ts";

const choices = ["Buffer overflow", "SQL injection", "Cross-site scripting", "Race condition"];

describe("extractChoice", () => {
  const cases: [string, string | undefined][] = [
    // Explicit markers.
    ["ANSWER: C", "C"],
    ["ANSWER:C", "C"],
    ["answer: c", "C"],
    ["Answer: (c)", "C"],
    ["The answer is (c)", "C"],
    ["The answer is (c).", "C"],
    ["The answer is C.", "C"],
    ["The answer is c.", "C"],
    ["The correct answer is B because the query is built by concatenation.", "B"],
    ["**Answer:** D", "D"],
    ["**ANSWER: A**", "A"],
    ["The answer is: **C**", "C"],
    ["Final answer: [B]", "B"],
    ["Final Answer: $\\boxed{C}$", "C"],
    ["Thus the result is \\boxed{D}.", "D"],
    ["The answer is option B", "B"],
    ["Answer = A", "A"],
    ["Let me think. Option A is tempting, but no.\n\nANSWER: C", "C"],
    ["The answer is not obvious. A is wrong, B is wrong.\nANSWER: D", "D"],
    ["I first thought the answer is A, but on reflection the answer is B.", "B"],
    ["ANSWER: B\n\nExplanation: option A would need a writable stack.", "B"],
    // A lone letter.
    ["C", "C"],
    ["c", "C"],
    ["  (B)  ", "B"],
    ["**C**", "C"],
    ["C.", "C"],
    ["[D]", "D"],
    ["The stack canary is overwritten here, so the exploit fails.\n\nA", "A"],
    // Weaker signals, when unambiguous.
    ["I would go with option D.", "D"],
    ["Choice (b) is the right one.", "B"],
    ["B) SQL injection", "B"],
    ["**C. Cross-site scripting**", "C"],
    ["It is clearly **B**, since input reaches the query.", "B"],
    ["I pick (D) here.", "D"],
    // The text of a choice.
    ["SQL injection", "B"],
    ["sql injection.", "B"],
    ["This is a classic race condition between check and use.", "D"],
    ["The bug is a buffer overflow in the parser.", "A"],
    // Nothing, or ambiguous: no guess.
    ["I don't know.", undefined],
    ["", undefined],
    ["Either SQL injection or cross-site scripting.", undefined],
    ["Option A or option B, hard to say.", undefined],
    ["The answer is a buffer overflow", "A"],
    ["ANSWER: E", undefined],
    ["ANSWER: I think it is unclear", undefined],
    ["A buffer of 16 bytes is allocated and 32 are copied.", undefined],
  ];
  for (const [text, expected] of cases) {
    it(`${JSON.stringify(text)} → ${expected ?? "none"}`, () => {
      assert.equal(extractChoice(text, choices), expected);
    });
  }

  it("reads 'the answer is a buffer overflow' through the choice text, not the article", () => {
    assert.equal(extractChoice("the answer is a buffer overflow", ["Race", "Buffer overflow"]), "B");
  });

  it("prefers the longer choice when one choice's text contains another's", () => {
    assert.equal(extractChoice("It is SQL injection.", ["SQL", "SQL injection", "XSS"]), "B");
  });

  it("finds a letter stated with 'ANSWER: X' inside any surrounding text", () => {
    const prefixes = fc.string().filter((prefix) => !/answer|boxed/i.test(prefix));
    fc.assert(
      fc.property(prefixes, fc.integer({ min: 0, max: 3 }), (prefix, index) => {
        const letter = choiceLetter(index);
        assert.equal(extractChoice(`${prefix}\nANSWER: ${letter}`, choices), letter);
      }),
    );
  });

  it("never returns a letter beyond the choices", () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 1, max: 6 }), (text, count) => {
        const letter = extractChoice(text, choices.slice(0, count));
        assert.ok(letter === undefined || letter.charCodeAt(0) - 65 < count);
      }),
    );
  });
});

describe("choiceLetter", () => {
  it("labels choices A to Z", () => {
    assert.equal(choiceLetter(0), "A");
    assert.equal(choiceLetter(25), "Z");
    assert.throws(() => choiceLetter(26), RangeError);
  });
});

describe("extractFinalAnswer", () => {
  it("takes what follows the last ANSWER:", () => {
    assert.equal(extractFinalAnswer("Reasoning...\nANSWER: 42\n"), "42");
    assert.equal(extractFinalAnswer("answer: first\nmore thought\n**Final answer:** picoCTF{x}"), "picoCTF{x}");
  });

  it("falls back to the whole reply", () => {
    assert.equal(extractFinalAnswer("  just this  "), "just this");
  });
});
