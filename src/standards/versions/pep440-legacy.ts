/**
 * Legacy Python versions: text that is not PEP 440 is still ordered the way setuptools and `packaging`
 * (before 22.0) ordered it, and always below every PEP 440 version. The text is lower-cased and split
 * into digit runs, letter runs, `.` and `-`, plus whatever lies between them; numbers are zero-padded to
 * eight places, words are marked with `*`, and the resulting parts are compared as a list of strings.
 */

const SPELLINGS: ReadonlyMap<string, string> = new Map([
  ["pre", "c"],
  ["preview", "c"],
  ["-", "final-"],
  ["rc", "c"],
  ["dev", "@"],
]);

function* rawParts(text: string): Generator<string> {
  const token = /\d+|[a-z]+|\.|-/g;
  let last = 0;
  for (let m = token.exec(text); m !== null; m = token.exec(text)) {
    if (m.index > last) yield text.slice(last, m.index);
    yield m[0];
    last = m.index + m[0].length;
  }
  if (last < text.length) yield text.slice(last);
}

/** The sort key of a legacy version: a list of strings compared element by element. */
export function legacyKey(text: string): string[] {
  const parts: string[] = [];
  const push = (part: string) => {
    if (part.startsWith("*")) {
      // A pre-release word drops the "-" that introduced it; every word drops the zeros before it.
      if (part < "*final") while (parts.length > 0 && parts[parts.length - 1] === "*final-") parts.pop();
      while (parts.length > 0 && parts[parts.length - 1] === "00000000") parts.pop();
    }
    parts.push(part);
  };
  for (const raw of rawParts(text.toLowerCase())) {
    const part = SPELLINGS.get(raw) ?? raw;
    if (part === "" || part === ".") continue;
    const c = part.charCodeAt(0);
    push(c >= 48 && c <= 57 ? part.padStart(8, "0") : `*${part}`);
  }
  push("*final");
  return parts;
}
