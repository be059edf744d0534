import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { VersScheme } from "../scheme.ts";
import { alpm, conan, datetime, generic, gentoo, intdot, lexicographic, nginx, openssl } from "./index.ts";

/** Hand-written orderings, one `a < b` or `a = b` per line (written from each ecosystem's documented rules). */
const CASES: ReadonlyArray<[VersScheme, string]> = [
  [
    alpm,
    `1.0rc < 1.0
     1.0a < 1.0alpha
     1.5b < 1.5
     1.5 < 1.5.a
     1.5.b < 1.5.1
     1.5.0-1 < 1.5.0-2
     1:1.0 > 2.0
     0:1.0 = 1.0
     1.5 = 1.5-7
     1.0.0 < 1..0.1`,
  ],
  [
    gentoo,
    `1.01 < 1.1
     1.0 < 1.0.0
     1.0_alpha1 < 1.0_beta1
     1.0_rc3 < 1.0
     1.0 < 1.0_p1
     1.0-r0 = 1.0
     1.0 < 1.0-r1
     1b < 1.1
     999999999999999999999999999998 < 999999999999999999999999999999`,
  ],
  [
    openssl,
    `0.9.8 < 0.9.8a
     1.0.1y < 1.0.1z
     1.0.2z < 1.0.2za
     1.1.1w < 3.0.0
     3.0.0-alpha1 < 3.0.0-beta1
     3.0.0-beta2 < 3.0.0
     3.0 = 3.0.0`,
  ],
  [
    conan,
    `1 = 1.0.0
     1.2 < 1.10
     1.1-alpha.1 < 1.1
     1.1 < 1.1+b1
     1.1+b.3 < 1.1+b.22
     1.1a > 1.1
     1.20 > 1.1*
     1.0.0- < 1.0.0-alpha1
     2- < 2`,
  ],
  [
    datetime,
    `2024-01-01T00:00:00Z = 2023-12-31T19:00:00-05:00
     2024-01-01T00:00:00.09Z < 2024-01-01T00:00:00.1Z
     2024-01-01T00:00:00.1Z = 2024-01-01T00:00:00.100Z
     2024-01-01T00:00:00+02:00 < 2023-12-31T23:00:00Z`,
  ],
  [
    lexicographic,
    `A < a
     a < aa
     z < \u00e4
     \uffff < \u{1f600}`,
  ],
  [
    intdot,
    `1.2 < 1.10
     01.2 = 1.2.0
     10.234.5.12 < 10.234.6
     1.2.3-beta = 1.2.3`,
  ],
  [nginx, "1.24.0 < 1.25.3"],
  [
    generic,
    `1.0 = 1.0.0
     1.0alpha < 1.0
     1.0 < 1.0.1
     1.0 < 1.0patch1
     1.0beta2 < 1.0beta10`,
  ],
];

function compare(scheme: VersScheme, a: string, b: string): number {
  const x = scheme.parse(a);
  const y = scheme.parse(b);
  assert.ok(x.ok && y.ok, `${scheme.name} cannot read '${a}' or '${b}'`);
  return Math.sign(scheme.compare(x.value, y.value));
}

describe("vers-only version schemes", () => {
  for (const [scheme, lines] of CASES) {
    it(`orders ${scheme.name} versions`, () => {
      for (const line of lines.split("\n")) {
        const [a, op, b] = line.trim().split(" ") as [string, string, string];
        const expected = op === "<" ? -1 : op === ">" ? 1 : 0;
        const reversed = expected === 0 ? 0 : -expected;
        assert.equal(compare(scheme, a, b), expected, `${scheme.name}: ${line.trim()}`);
        assert.equal(compare(scheme, b, a), reversed, `${scheme.name}: reversed ${line.trim()}`);
      }
    });
  }

  it("rejects text a scheme cannot order", () => {
    for (const [scheme, text] of [
      [gentoo, "1.0-beta"],
      [openssl, "v1.0"],
      [datetime, "2024-02-30T00:00:00Z"],
      [datetime, "2024-01-01 00:00:00Z"],
      [intdot, "beta"],
      [alpm, ""],
      [conan, ""],
    ] as const) {
      assert.equal(scheme.parse(text).ok, false, `${scheme.name}: ${text}`);
    }
  });
});
