import { type AnchorHTMLAttributes, type MouseEvent, useSyncExternalStore } from "react";

/**
 * A tiny client-side router on the History API: the current path as React state, `navigate()` to
 * change it, and `<Link>` for in-app anchors that stay real links (open in new tab, copy address).
 */

const CHANGE = "aicc:navigate";

function subscribe(onChange: () => void): () => void {
  window.addEventListener("popstate", onChange);
  window.addEventListener(CHANGE, onChange);
  return () => {
    window.removeEventListener("popstate", onChange);
    window.removeEventListener(CHANGE, onChange);
  };
}

const currentPath = () => window.location.pathname;

/** The current path, e.g. `/profile`; re-renders on every navigation. */
export function usePath(): string {
  return useSyncExternalStore(subscribe, currentPath, () => "/");
}

/** Goes to an in-app path; `replace` does not add a history entry. */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (path === currentPath()) return;
  if (options.replace) window.history.replaceState(null, "", path);
  else window.history.pushState(null, "", path);
  window.dispatchEvent(new Event(CHANGE));
}

/** True when `path` is `base` or lies below it (`/clearinghouse/cases` under `/clearinghouse`). */
export function isUnder(path: string, base: string): boolean {
  if (base === "/") return path === "/";
  return path === base || path.startsWith(`${base}/`);
}

export interface LinkProps extends Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "href"> {
  to: string;
}

/** An anchor that navigates in-app on a plain left click and behaves like any link otherwise. */
export function Link({ to, onClick, children, ...rest }: LinkProps) {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} onClick={handleClick} {...rest}>
      {children}
    </a>
  );
}
