import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildPurl, canonicalizePurl, formatPurl, type PackageUrl, parsePurl, validatePurl } from "./index.ts";

function parsed(input: string): PackageUrl {
  const result = parsePurl(input);
  assert.ok(result.ok, `expected ${input} to parse: ${result.ok ? "" : result.error.message}`);
  return result.value;
}

function failure(input: string): string {
  const result = parsePurl(input);
  assert.ok(!result.ok, `expected ${input} to be rejected`);
  return result.error.code;
}

describe("parsePurl", () => {
  it("reads every component and decodes them once", () => {
    assert.deepEqual(parsed("pkg:deb/debian/attr@1:2.4.47-2%2Bb1?arch=amd64&distro=jessie#usr/share"), {
      type: "deb",
      namespace: "debian",
      name: "attr",
      version: "1:2.4.47-2+b1",
      qualifiers: { arch: "amd64", distro: "jessie" },
      subpath: "usr/share",
    });
  });

  it("omits absent components instead of setting them to undefined", () => {
    assert.deepEqual(Object.keys(parsed("pkg:generic/openssl")), ["type", "name"]);
  });

  it("takes the last '@' without a '/' after it as the version separator", () => {
    assert.equal(parsed("pkg:npm/@babel/core").namespace, "@babel");
    assert.equal(parsed("pkg:npm/@babel/core").version, undefined);
    assert.deepEqual(
      [parsed("pkg:brew/node@20@20.10.0").name, parsed("pkg:brew/node@20@20.10.0").version],
      ["node@20", "20.10.0"],
    );
  });

  it("applies type rules: case folding, PyPI names, git paths, mlflow hosts", () => {
    assert.equal(parsed("pkg:PYPI/Django_Package..x@1.0").name, "django-package-x");
    assert.equal(parsed("pkg:github/Package-URL/Purl-Spec").namespace, "package-url");
    assert.equal(parsed("pkg:maven/HTTPClient/HTTPClient@0.3-3").name, "HTTPClient");
    const git = parsed("pkg:git/gitlab.gnome.org/GNOME/adwaita-fonts");
    assert.deepEqual([git.namespace, git.name], ["gitlab.gnome.org", "GNOME/adwaita-fonts"]);
    assert.equal(parsed("pkg:mlflow/Model@1?repository_url=https://x.azuredatabricks.net").name, "model");
    assert.equal(parsed("pkg:mlflow/Model@1?repository_url=https://westus.api.azureml.ms").name, "Model");
    assert.equal(parsed("pkg:huggingface/org/m@ABCDEF").version, "abcdef");
  });

  it("drops empty qualifier values and '.', '..' and empty subpath segments", () => {
    const purl = parsed("pkg:npm/x@1?a=&b=2&&c#/./a/../b//");
    assert.deepEqual(purl.qualifiers, { b: "2" });
    assert.equal(purl.subpath, "a/b");
  });

  it("rejects what the spec forbids, with a stable code", () => {
    assert.equal(failure("npm/foo@1"), "purl.missing_scheme");
    assert.equal(failure("http:npm/foo"), "purl.invalid_scheme");
    assert.equal(failure("pkg:3npm/foo"), "purl.invalid_type");
    assert.equal(failure("pkg:maven/@1.3.4"), "purl.missing_name");
    assert.equal(failure("pkg:swift/github.com/Alamofire/@5.4.3"), "purl.missing_name");
    assert.equal(failure("pkg:npm/foo?in%20production=true"), "purl.invalid_qualifier_key");
    assert.equal(failure("pkg:npm/foo?ab=1&aB=2"), "purl.duplicate_qualifier");
    assert.equal(failure("pkg:npm/foo@1%G1"), "purl.invalid_encoding");
    assert.equal(failure("pkg:npm/foo@%C3%28"), "purl.invalid_encoding");
    assert.equal(failure("pkg:npm/foo#a%2Fb"), "purl.invalid_subpath");
    assert.equal(failure("pkg:npm/a%2Fb/c"), "purl.invalid_namespace");
    assert.equal(failure("pkg:npm/foo bar"), "purl.invalid_character");
    assert.equal(failure("pkg:npm/\uD800"), "purl.invalid_character");
    assert.equal(failure("pkg:swift/Alamofire@5.4.3"), "purl.namespace_required");
    assert.equal(failure("pkg:cargo/ns/rand"), "purl.namespace_prohibited");
    assert.equal(failure("pkg:julia/Dates"), "purl.missing_qualifier");
    assert.equal(failure("pkg:chrome-extension/dogs"), "purl.invalid_name");
    assert.equal(failure("pkg:cpan/URI::PackageURL"), "purl.invalid_name");
  });

  it("rejects a qualifier key starting with an uppercase letter unless lenient", () => {
    assert.equal(failure("pkg:gem/x@1?Platform=java"), "purl.invalid_qualifier_key");
    const lenient = parsePurl("pkg:gem/x@1?Platform=java", { lenient: true });
    assert.ok(lenient.ok);
    assert.deepEqual(lenient.value.qualifiers, { platform: "java" });
    assert.deepEqual(parsed("pkg:maven/g/a@1?repositorY_url=r").qualifiers, { repository_url: "r" });
  });

  it("returns an error for a value that is not a string", () => {
    assert.equal(
      (parsePurl(42 as unknown as string) as { ok: false; error: { code: string } }).error.code,
      "purl.not_a_string",
    );
  });
});

describe("formatPurl and canonicalizePurl", () => {
  it("encodes only what the spec encodes and sorts qualifiers by key", () => {
    const purl = parsed("pkg:generic/a%20b@1.0%2Bx?download_url=https://e.org/a%3Fb&checksum=sha1:a,sha256:b#c/d%20e");
    assert.equal(
      formatPurl(purl),
      "pkg:generic/a%20b@1.0%2Bx?checksum=sha1:a%2Csha256:b&download_url=https:%2F%2Fe.org%2Fa%3Fb#c/d%20e",
    );
  });

  it("sorts by key, not by 'key=value' text", () => {
    const text = formatPurl(parsed("pkg:conan/x@1?compiler.version=16&compiler=gcc"));
    assert.equal(text, "pkg:conan/x@1?compiler=gcc&compiler.version=16");
  });

  it("keeps the slashes of a git repository path and encodes '@' in names", () => {
    assert.equal(
      formatPurl(parsed("pkg:git/codeberg.org//forgejo/forgejo@a1")),
      "pkg:git/codeberg.org/forgejo/forgejo@a1",
    );
    assert.equal(formatPurl(parsed("pkg:brew/node@20@20.10.0")), "pkg:brew/node%4020@20.10.0");
  });

  it("canonicalises leniently", () => {
    const result = canonicalizePurl("pkg:///Rpm/Fedora/curl@7?Arch=i386");
    assert.deepEqual(result, { ok: true, value: "pkg:rpm/fedora/curl@7?arch=i386" });
  });
});

describe("buildPurl", () => {
  it("normalises loose components like the parser", () => {
    const built = buildPurl({
      type: "NPM",
      namespace: "/@Angular/",
      name: "Animation/",
      version: "12.3.1",
      qualifiers: { a: null, vcs_url: "git://h/p.git@1" },
      subpath: "/x/./y/",
    });
    assert.ok(built.ok);
    assert.equal(formatPurl(built.value), "pkg:npm/%40angular/animation@12.3.1?vcs_url=git:%2F%2Fh%2Fp.git%401#x/y");
  });

  it("joins a checksum list with ','", () => {
    const built = buildPurl({ type: "generic", name: "x", qualifiers: { checksum: ["sha1:a", "sha256:b"] } });
    assert.ok(built.ok);
    assert.equal(formatPurl(built.value), "pkg:generic/x?checksum=sha1:a%2Csha256:b");
  });

  it("splits a git namespace that holds the repository owner", () => {
    const built = buildPurl({ type: "git", namespace: "codeberg.org/forgejo", name: "forgejo" });
    assert.ok(built.ok);
    assert.deepEqual([built.value.namespace, built.value.name], ["codeberg.org", "forgejo/forgejo"]);
  });

  it("rejects invalid components without throwing", () => {
    const cases: unknown[] = [
      null,
      { type: null, name: "x" },
      { type: "npm", name: "" },
      { type: "npm", name: 7 },
      { type: "npm", name: "x", qualifiers: ["a"] },
      { type: "npm", name: "x", qualifiers: { "in production": "true" } },
      { type: "npm", name: "x", qualifiers: { a: 1 } },
      { type: "npm", name: "\uDC00" },
      { type: "vcpkg", namespace: "boost", name: "asio" },
    ];
    for (const input of cases) {
      const result = buildPurl(input as Parameters<typeof buildPurl>[0]);
      assert.equal(result.ok, false, JSON.stringify(input));
    }
  });
});

describe("validatePurl", () => {
  it("warns about unregistered types and non-canonical spelling", () => {
    const report = validatePurl("pkg:acme/Foo@1");
    assert.equal(report.valid, true);
    assert.deepEqual(
      report.warnings.map((w) => w.code),
      ["purl.unregistered_type"],
    );
    const loose = validatePurl("pkg:NPM/foo@1");
    assert.deepEqual(
      loose.warnings.map((w) => w.code),
      ["purl.non_canonical"],
    );
  });

  it("warns when a type definition expects a version", () => {
    assert.deepEqual(
      validatePurl("pkg:deb/debian/curl").warnings.map((w) => w.code),
      ["purl.missing_version"],
    );
  });

  it("reports parse errors", () => {
    const report = validatePurl("pkg:npm");
    assert.equal(report.valid, false);
    assert.equal(report.errors[0]?.code, "purl.missing_name");
  });
});
