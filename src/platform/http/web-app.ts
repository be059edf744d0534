import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import fastifyStatic from "@fastify/static";
import type { AppInstance } from "./types.ts";

/**
 * Serves the built single-page app from dist/web: hashed assets with long caching, and index.html
 * for every other GET that is not an API path (client-side routes).
 */
export async function registerWebApp(app: AppInstance, webRoot: string): Promise<{ indexHtml: string | null }> {
  const indexFile = path.join(webRoot, "index.html");
  if (!existsSync(indexFile)) return { indexHtml: null };
  await app.register(fastifyStatic, {
    root: webRoot,
    prefix: "/",
    wildcard: false,
    index: false,
    setHeaders(res, file) {
      if (file.includes(`${path.sep}assets${path.sep}`))
        res.setHeader("cache-control", "public, max-age=31536000, immutable");
    },
  });
  return { indexHtml: readFileSync(indexFile, "utf8") };
}
