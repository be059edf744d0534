import { type ReactNode, useEffect, useRef } from "react";

let shownBefore = false;

/**
 * The page's one `<h1>`. It names the document (`<title>`) and, after an in-app navigation, takes
 * focus so that screen-reader and keyboard users start at the new page's heading.
 */
export function PageHeading({ title, children }: { title: string; children?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} – aicc`;
    if (shownBefore) ref.current?.focus();
    shownBefore = true;
  }, [title]);
  return (
    <h1 ref={ref} tabIndex={-1} className="page-heading">
      {children ?? title}
    </h1>
  );
}
