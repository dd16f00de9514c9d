import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/**
 * `pnpm dev`: Vite with hot reload on WEB_PORT (default 5173), proxying /graphql and the server's
 * JSON routes to the Tessera API on API_PORT (default 4000), so the session cookie stays same-origin.
 */
const api = `http://127.0.0.1:${process.env.API_PORT ?? "4000"}`;

export default defineConfig({
  plugins: [react()],
  server: {
    port: Number(process.env.WEB_PORT ?? 5173),
    strictPort: true,
    proxy: { "/graphql": api, "/web-config.json": api, "/healthz": api, "/v1": api },
  },
  build: {
    manifest: true,
    // The budget is checked on the gzipped initial JavaScript (scripts/build.ts), not on raw chunk size.
    chunkSizeWarningLimit: 2000,
  },
});
