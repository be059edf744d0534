import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import type { Result } from "../result.ts";
import { buildPurl, formatPurl, type PackageUrl, type PurlComponents, parsePurl } from "./index.ts";

const VALID = [
  "pkg:npm/%40angular/animation@12.3.1",
  "pkg:maven/org.apache.xmlgraphics/batik-anim@1.9.1?classifier=sources&repository_url=repo.spring.io%2Frelease",
  "pkg:deb/debian/attr@1:2.4.47-2%2Bb1?arch=amd64",
  "pkg:golang/google.golang.org/genproto@abcdedf#googleapis/api/annotations",
  "pkg:git/codeberg.org/forgejo/forgejo@a72d2c07#options/locale_readme.md",
  "pkg:pypi/django-package@1.11.1.dev1?file_name=Django-1.11.1.tar.gz",
  "pkg:generic/openssl@1.1.10g?checksum=sha1:ad95%2Csha256:41bf",
  "pkg:brew/postgresql%4012@12.17",
];

/** Characters that exercise every separator, encoding and surrogate path. */
const purlChar = fc.oneof(
  fc.constantFrom(..."pkg:/@?#&=%.-_~+ !*'()2F40AaZz09"),
  fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
  fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
);

const text60 = fc.string({ unit: purlChar, maxLength: 60 });

function assertIssue<T>(result: Result<T>): void {
  if (!result.ok) assert.match(result.error.code, /^purl\.[a-z_]+$/);
}

/** A parsed PURL must format canonically and read back identically. */
function assertRoundTrip(purl: PackageUrl): void {
  const text = formatPurl(purl);
  const again = parsePurl(text);
  assert.ok(again.ok, `${text} does not parse back: ${again.ok ? "" : again.error.message}`);
  assert.deepEqual(again.value, purl);
  assert.equal(formatPurl(again.value), text);
}

describe("purl fuzz", () => {
  it("parses arbitrary strings without throwing", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          text60,
          text60.map((rest) => `pkg:${rest}`),
        ),
        (input) => {
          const result = parsePurl(input, { lenient: true });
          assertIssue(result);
          if (result.ok) assertRoundTrip(result.value);
        },
      ),
      { numRuns: 800 },
    );
  });

  it("parses mutations of valid PURLs without throwing, and round-trips what it accepts", () => {
    const mutation = fc.tuple(
      fc.constantFrom(...VALID),
      fc.nat(),
      fc.nat({ max: 3 }),
      fc.string({ unit: purlChar, maxLength: 4 }),
    );
    fc.assert(
      fc.property(mutation, ([valid, at, removed, inserted]) => {
        const cut = at % (valid.length + 1);
        const input = valid.slice(0, cut) + inserted + valid.slice(cut + removed);
        const result = parsePurl(input);
        assertIssue(result);
        if (result.ok) assertRoundTrip(result.value);
      }),
      { numRuns: 800 },
    );
  });

  it("builds from arbitrary JSON values without throwing", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        assertIssue(buildPurl(value as unknown as PurlComponents));
      }),
      { numRuns: 300 },
    );
  });

  it("round-trips whatever it builds from random components", () => {
    const text = fc.option(fc.string({ unit: purlChar, maxLength: 12 }), { nil: null });
    const components = fc.record({
      type: fc.constantFrom("npm", "maven", "git", "pypi", "github", "generic", "acme", "Swift"),
      namespace: text,
      name: fc.string({ unit: purlChar, minLength: 1, maxLength: 12 }),
      version: text,
      qualifiers: fc.option(fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9._-]{0,6}$/), text), { nil: null }),
      subpath: text,
    });
    fc.assert(
      fc.property(components, (input) => {
        const built = buildPurl(input);
        assertIssue(built);
        if (built.ok) assertRoundTrip(built.value);
      }),
      { numRuns: 600 },
    );
  });
});
