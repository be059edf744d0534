import type { ComponentPropsWithoutRef } from "react";
import Markdown, { type Components } from "react-markdown";

/**
 * Message bodies are Markdown written by any participant, so they are attacker-written. Rendered
 * through react-markdown into React elements (text nodes only): raw HTML is skipped, and links keep
 * their address only when it is http(s) or mailto. Images are shown as their alt text: loading one
 * would tell its host who read the message, and when.
 */

const SAFE_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);

/** The URL when it is absolute http(s) or mailto; null (the attribute is dropped) for anything else. */
export function safeUrl(url: string): string | null {
  try {
    return SAFE_PROTOCOLS.has(new URL(url).protocol) ? url : null;
  } catch {
    return null;
  }
}

const components: Components = {
  a: ({ href, children }: ComponentPropsWithoutRef<"a">) =>
    href ? (
      <a href={href} target="_blank" rel="noopener noreferrer nofollow">
        {children}
      </a>
    ) : (
      <span className="md-dropped-link">{children}</span>
    ),
  img: ({ alt }: ComponentPropsWithoutRef<"img">) =>
    alt ? <span className="md-image-alt">[image: {alt}]</span> : null,
};

export function SafeMarkdown({ text }: { text: string }) {
  return (
    <div className="markdown">
      <Markdown skipHtml urlTransform={safeUrl} components={components}>
        {text}
      </Markdown>
    </div>
  );
}
