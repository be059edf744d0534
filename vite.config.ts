import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/**
 * The web app: root src/web, built to dist/web (served by the platform's HTTP server). No source maps
 * in the build. `npx vite` serves it for development and forwards the API to a running aicc
 * (AICC_API_URL, default http://127.0.0.1:8080).
 */
const api = process.env.AICC_API_URL ?? "http://127.0.0.1:8080";

export default defineConfig({
  root: fileURLToPath(new URL("src/web", import.meta.url)),
  publicDir: fileURLToPath(new URL("src/web/public", import.meta.url)),
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL("dist/web", import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    // Keep every asset a file of its own: the server's CSP allows no data: or inline sources.
    assetsInlineLimit: 0,
  },
  server: {
    proxy: { "/api": api, "/health": api, "/ready": api, "/docs": api, "/openapi.json": api },
  },
});
