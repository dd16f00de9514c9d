/**
 * The attacker of `pnpm bench:verify`'s case (i), run in its own process: floods
 * POST /v1/keys/verify with well-formed made-up keys (a fresh one per request, so no cache can
 * absorb them) from one address, or from `addresses` addresses named in X-Forwarded-For (the server
 * trusts one proxy hop). Prepares its keys, prints `ready`, and starts when a line arrives on stdin
 * (so its own start-up, loading and key generation, is not counted against the real key: an attack
 * in progress has none). Then prints one JSON line: requests, req/s, p50/p99 ms and the codes it got.
 *
 *   node --import tsx bench/flood.ts <url> <seconds> <connections> <addresses>
 */
import { Agent, request } from "node:http";
import { generateApiKey } from "@tessera/core";

const [url = "", seconds = "3", connections = "16", addresses = "1"] = process.argv.slice(2);
const target = new URL(url);
const addressCount = Number(addresses);
const keys = Array.from({ length: 5_000 }, () => generateApiKey().secret);
const agent = new Agent({ keepAlive: true, maxSockets: Number(connections) });
const codes: Record<string, number> = {};
const durations: number[] = [];
let requests = 0;

function post(i: number): Promise<void> {
  const body = JSON.stringify({ key: keys[i % keys.length] });
  const headers: Record<string, string | number> = {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
  };
  if (addressCount > 1) headers["x-forwarded-for"] = `198.18.0.${(i % addressCount) + 1}`;
  return new Promise((resolve, reject) => {
    const req = request(target, { method: "POST", agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const code =
          res.statusCode === 200 ? JSON.parse(Buffer.concat(chunks).toString()).code : `HTTP ${res.statusCode}`;
        codes[code] = (codes[code] ?? 0) + 1;
        resolve();
      });
    });
    req.on("error", reject);
    req.end(body);
  });
}

console.log("ready");
await new Promise((resolve) => process.stdin.once("data", resolve));
process.stdin.pause();

const started = performance.now();
const deadline = started + Number(seconds) * 1000;
let next = 0;
await Promise.all(
  Array.from({ length: Number(connections) }, async () => {
    while (performance.now() < deadline) {
      const sent = performance.now();
      await post(next++);
      durations.push(performance.now() - sent);
      requests++;
    }
  }),
);
const elapsed = (performance.now() - started) / 1000;
agent.destroy();
durations.sort((x, y) => x - y);
const at = (q: number) => durations[Math.min(durations.length - 1, Math.floor(q * durations.length))] ?? 0;
console.log(JSON.stringify({ requests, rps: requests / elapsed, p50: at(0.5), p99: at(0.99), codes }));
