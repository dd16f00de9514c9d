import { randomInt } from "node:crypto";
import type { Prisma } from "@tessera/db";

const adjectives = [
  "amber",
  "brisk",
  "calm",
  "clever",
  "crimson",
  "eager",
  "gentle",
  "golden",
  "hidden",
  "jolly",
  "keen",
  "lively",
  "lucky",
  "mellow",
  "nimble",
  "quiet",
  "rapid",
  "silver",
  "steady",
  "sunny",
  "swift",
  "tidy",
  "vivid",
  "witty",
];
const nouns = [
  "badger",
  "beacon",
  "comet",
  "falcon",
  "harbor",
  "heron",
  "lantern",
  "maple",
  "meadow",
  "otter",
  "pebble",
  "pine",
  "quartz",
  "raven",
  "river",
  "robin",
  "summit",
  "thistle",
  "tiger",
  "walrus",
  "willow",
  "wren",
];

function pick<T>(items: readonly T[]): T {
  return items[randomInt(items.length)] as T;
}

/** A readable name such as `swift-otter-4821`: easy to say aloud, easy to spot in a table. */
export function readableKeyName(): string {
  return `${pick(adjectives)}-${pick(nouns)}-${randomInt(1000, 10000)}`;
}

/**
 * A generated name not yet used in the organization. With ~5 million combinations a clash is rare;
 * a few retries make it vanishingly so, and the unique index catches a race with another creation.
 */
export async function uniqueKeyName(tx: Prisma.TransactionClient, organizationId: string): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const name = readableKeyName();
    const taken = await tx.apiKey.findFirst({ where: { organizationId, name }, select: { id: true } });
    if (!taken) return name;
  }
  return `${readableKeyName()}-${randomInt(1000, 10000)}`;
}
