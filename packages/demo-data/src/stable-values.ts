import { createHash } from "node:crypto";
import { toBase62 } from "@tessera/core";

/** A stable UUID (v4 layout) derived from a name, so demo ids never change between runs. */
export function demoId(name: string): string {
  const h = createHash("sha256").update(`tessera-demo:${name}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Stable base62 "random" text derived from a name: the demo's secrets and tokens are the same every run. */
export function demoRandom(name: string, length: number): string {
  const bytes = createHash("sha512").update(`tessera-demo-secret:${name}`).digest();
  let out = "";
  for (let i = 0; out.length < length; i += 4) out += toBase62(bytes.readUInt32BE(i % 60), 6);
  return out.slice(0, length);
}

const day = 24 * 60 * 60 * 1000;

/** Demo times are relative to the moment of seeding, so every key status is represented. */
export type DemoClock = { ago: (days: number) => Date; ahead: (days: number) => Date };

export function demoClock(now: Date): DemoClock {
  return {
    ago: (days) => new Date(now.getTime() - days * day),
    ahead: (days) => new Date(now.getTime() + days * day),
  };
}

/** A stable pseudo-random sequence in [0, 1) derived from a name (mulberry32), for believable demo traffic. */
export function seededRandom(name: string): () => number {
  let state = createHash("sha256").update(`tessera-demo-random:${name}`).digest().readUInt32BE(0);
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
