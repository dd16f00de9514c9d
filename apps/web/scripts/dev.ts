/**
 * `pnpm dev`: the Tessera API (PORT=API_PORT, default 4000) as a child process plus Vite with hot
 * reload (WEB_PORT, default 5173) proxying /graphql to it. Ctrl-C stops both.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { createServer } from "vite";
import { webRoot } from "./source-hash.ts";

const apiPort = process.env.API_PORT ?? "4000";
process.env.API_PORT = apiPort;
const api = spawn(process.execPath, ["--import", "tsx", "apps/api/src/main.ts"], {
  cwd: join(webRoot, "../.."),
  env: { ...process.env, PORT: apiPort },
  stdio: "inherit",
});
const vite = await createServer({ root: webRoot, configFile: join(webRoot, "vite.config.ts") });
await vite.listen();
vite.printUrls();

const stop = async () => {
  api.kill("SIGTERM");
  await vite.close();
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
api.on("exit", (code) => {
  console.error(`the API exited (${code}); stopping`);
  void vite.close().then(() => process.exit(code ?? 1));
});
