import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { SafeMarkdown, safeUrl } from "./SafeMarkdown.tsx";

const render = (text: string) => renderToStaticMarkup(createElement(SafeMarkdown, { text }));

describe("SafeMarkdown", () => {
  test("raw HTML, script and javascript: links become nothing executable, and the words stay", () => {
    const html = render(
      "Hello <script>window.__xss=1</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)> **bold** world",
    );
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(html, /<img/i);
    assert.doesNotMatch(html, /onerror/i);
    assert.doesNotMatch(html, /javascript:/i);
    assert.match(html, /Hello/);
    assert.match(html, /<span class="md-dropped-link">x<\/span>/);
    assert.match(html, /<strong>bold<\/strong>/);
    assert.match(html, /world/);
  });

  test("the brief's message: no script, no image, no javascript: link, whatever the markup around it", () => {
    const payload = "<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>";
    for (const text of [payload, `Look: ${payload}`, `- ${payload}`, `> ${payload}`]) {
      const html = render(text);
      assert.doesNotMatch(html, /<script|<img|javascript:|<a /i, text);
    }
    // Written mid-line, the tags are dropped and the words around them stay as text.
    assert.match(render(`Look: ${payload}`), /Look: alert\(1\) <span class="md-dropped-link">x<\/span>/);
  });

  test("an HTML block is skipped whole", () => {
    const html = render('<div onclick="alert(1)">\n<iframe srcdoc="<script>parent.x=1</script>"></iframe>\n</div>');
    assert.doesNotMatch(html, /<div onclick|<iframe|<script/i);
  });

  test("http(s) and mailto links keep their address and open without an opener", () => {
    const html = render("[advisory](https://example.org/a?b=1) [mail](mailto:psirt@acme.example)");
    assert.match(html, /<a href="https:\/\/example.org\/a\?b=1" target="_blank" rel="noopener noreferrer nofollow">/);
    assert.match(html, /<a href="mailto:psirt@acme.example"/);
  });

  test("images show only their alt text, so reading a message loads nothing from elsewhere", () => {
    const html = render("![tracking pixel](https://evil.example/p.png)");
    assert.doesNotMatch(html, /<img|evil\.example/);
    assert.match(html, /\[image: tracking pixel\]/);
  });

  test("safeUrl keeps http, https and mailto only", () => {
    for (const url of ["https://a.example/", "http://a.example/x", "mailto:a@b.example"])
      assert.equal(safeUrl(url), url);
    for (const url of [
      "javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      " javascript:alert(1)",
      "java\tscript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "vbscript:msgbox(1)",
      "file:///etc/passwd",
      "/relative/path",
      "//evil.example/",
      "",
    ]) {
      assert.equal(safeUrl(url), null, url);
    }
  });
});
