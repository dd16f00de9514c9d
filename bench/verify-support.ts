import { execFile, spawn } from "node:child_process";
import { join } from "node:path";

const autocannonBin = join(import.meta.dirname, "../node_modules/.bin/autocannon");

export type Load = { rps: number; p50: number; p99: number; errors: number };

/**
 * One autocannon run in its own process (so the load generator does not share the server's event
 * loop), on 127.0.0.1, returning req/s and latency percentiles in ms.
 */
export function autocannon(
  url: string,
  options: { body?: string; connections: number; seconds: number; overallRate?: number },
): Promise<Load> {
  const args = ["-j", "-c", String(options.connections), "-d", String(options.seconds)];
  if (options.body !== undefined) {
    args.push("-m", "POST", "-H", "content-type=application/json", "-b", options.body);
  }
  if (options.overallRate) args.push("-R", String(Math.round(options.overallRate)));
  args.push(url);
  return new Promise((resolve, reject) => {
    execFile(autocannonBin, args, { maxBuffer: 16 * 1024 * 1024 }, (error, stdout) => {
      if (error) return reject(error);
      const result = JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}");
      resolve({
        rps: result.requests.average,
        p50: result.latency.p50,
        p99: result.latency.p99,
        errors: result.errors + result.non2xx,
      });
    });
  });
}

/** Runs `task` for every item with `concurrency` in flight; returns per-call ms and total seconds. */
export async function timed<T>(
  items: readonly T[],
  concurrency: number,
  task: (item: T) => Promise<unknown>,
): Promise<{ rps: number; p50: number; p99: number }> {
  const durations: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const item = items[next++] as T;
        const t = performance.now();
        await task(item);
        durations.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  durations.sort((a, b) => a - b);
  const at = (q: number) => durations[Math.min(durations.length - 1, Math.floor(q * durations.length))] ?? 0;
  return { rps: items.length / seconds, p50: at(0.5), p99: at(0.99) };
}

export function row(label: string, load: { rps: number; p50: number; p99: number }): string {
  return `| ${label.padEnd(46)} | ${Math.round(load.rps).toString().padStart(7)} | ${load.p50.toFixed(2).padStart(6)} | ${load.p99.toFixed(2).padStart(6)} |`;
}

export type Flood = { requests: number; rps: number; p50: number; p99: number; codes: Record<string, number> };

/**
 * bench/flood.ts in its own process: made-up keys from one address or from `addresses`. Resolves once
 * the flood is loaded and its keys are made; the returned function starts it and resolves with what
 * it saw, so the flood's own start-up does not share the measured window with the real client.
 */
export async function startFlood(
  url: string,
  options: { seconds: number; connections: number; addresses: number },
): Promise<() => Promise<Flood>> {
  const args = ["--import", "tsx", join(import.meta.dirname, "flood.ts"), url];
  args.push(String(options.seconds), String(options.connections), String(options.addresses));
  const child = spawn(process.execPath, args, { stdio: ["pipe", "pipe", "inherit"] });
  let output = "";
  child.stdout.setEncoding("utf8");
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk: string) => {
      output += chunk;
      if (output.startsWith("ready\n")) resolve();
    });
    void exited.then((code) => reject(new Error(`the flood exited with ${code} before it was ready`)));
  });
  return async () => {
    child.stdin.end("go\n");
    const code = await exited;
    if (code !== 0) throw new Error(`the flood exited with ${code}`);
    return JSON.parse(output.trim().split("\n").at(-1) ?? "{}");
  };
}
