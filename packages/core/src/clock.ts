/** Injected wherever rules depend on the time, so expiry logic can be tested against a real database. */
export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };
