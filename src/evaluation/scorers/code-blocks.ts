/** A piece of code in a reply, with the language its fence names (or a guess) and where it starts. */
export interface CodeBlock {
  /** A rule-file language name (`python`, `c`, `objective_c`, …), or undefined when unknown. */
  language: string | undefined;
  code: string;
  /** 1-based line of the reply on which the code starts, to point at findings. */
  firstLine: number;
}

/** Fence tags as models write them, mapped to the language names of the insecure-code rule files. */
const TAGS: Record<string, string> = {
  c: "c",
  h: "c",
  cpp: "cpp",
  "c++": "cpp",
  cc: "cpp",
  cxx: "cpp",
  hpp: "cpp",
  csharp: "csharp",
  cs: "csharp",
  "c#": "csharp",
  java: "java",
  javascript: "javascript",
  js: "javascript",
  jsx: "javascript",
  node: "javascript",
  typescript: "javascript",
  ts: "javascript",
  tsx: "javascript",
  php: "php",
  python: "python",
  python3: "python",
  py: "python",
  ruby: "ruby",
  rb: "ruby",
  rust: "rust",
  rs: "rust",
  swift: "swift",
  "objective-c": "objective_c",
  objectivec: "objective_c",
  objc: "objective_c",
  "objective-c++": "objective_c",
  xml: "xml",
  hack: "hack",
  hh: "hack",
};

/** Strong signs of a language in untagged code, tried in order (the more specific first). */
const SIGNS: [string, RegExp][] = [
  ["php", /<\?php\b/],
  ["xml", /^\s*<\?xml\b/],
  ["objective_c", /^\s*(?:#import\s*[<"]|@interface\b|@implementation\b)/m],
  ["cpp", /^\s*#include\s*<(?:iostream|string|vector|memory|map)>|\bstd::/m],
  ["c", /^\s*#include\s*[<"]/m],
  ["csharp", /^\s*using\s+System(?:\.\w+)*\s*;/m],
  ["java", /^\s*(?:import\s+java\.|public\s+(?:final\s+)?class\s+\w+)/m],
  ["rust", /\bfn\s+\w+\s*\(|\blet\s+mut\b|^\s*use\s+std::/m],
  ["swift", /^\s*import\s+(?:Foundation|UIKit|SwiftUI)\b|\bfunc\s+\w+\s*\([^)]*\)\s*->/m],
  ["python", /^\s*(?:def\s+\w+\s*\(|from\s+[\w.]+\s+import\s|import\s+\w+\s*$)/m],
  ["javascript", /\b(?:require\s*\(|console\.log\s*\(|module\.exports\b)|^\s*(?:const|let)\s+\w+\s*=/m],
  ["ruby", /^\s*(?:require\s+['"]|puts\s|def\s+\w+\s*$)/m],
];

/** The rule-file language for a fence tag (`py` → `python`), or undefined for one without rules. */
export function languageFromTag(tag: string): string | undefined {
  return TAGS[tag.trim().toLowerCase()];
}

/** A best guess at the language of untagged code from strong signs, or undefined. */
export function guessLanguage(code: string): string | undefined {
  return SIGNS.find(([, sign]) => sign.test(code))?.[0];
}

/**
 * The fenced code blocks of a reply (```lang … ```), or the whole reply as one block when it has none.
 * A block's language comes from its fence tag; an untagged block's from `fallback`, else a guess from its content.
 */
export function extractCodeBlocks(reply: string, fallback?: string): CodeBlock[] {
  const fence = /^[ \t]*(`{3,}|~{3,})[ \t]*([^\s`]*)[^\n]*\n([\s\S]*?)^[ \t]*\1[ \t]*$/gm;
  const blocks: CodeBlock[] = [];
  for (const match of reply.matchAll(fence)) {
    const [, , tag = "", code = ""] = match;
    const firstLine = lineOf(reply, match.index) + 1;
    // A tag names the language even when no rules exist for it (```bash): no guessing over it.
    blocks.push({ language: tag ? languageFromTag(tag) : (fallback ?? guessLanguage(code)), code, firstLine });
  }
  if (blocks.length > 0) return blocks;
  return [{ language: fallback ?? guessLanguage(reply), code: reply, firstLine: 1 }];
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
