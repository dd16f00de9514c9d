import type { GraphQLResolveInfo } from "graphql";

/**
 * Lets a connection run its count query alongside its page query instead of after it (on a
 * PostgreSQL pool they use two connections; the count dominates large lists). The page resolver
 * starts the count when the client selected `totalCount`, keyed by the field's `args` object, which
 * prismaConnection hands unchanged to its `totalCount` callback.
 */
export class ConcurrentCount {
  private readonly started = new WeakMap<object, Promise<number>>();

  /** Starts `count` now if this connection field selects `totalCount`. */
  startIfSelected(args: object, info: GraphQLResolveInfo, count: () => Promise<number>): void {
    const selections = info.fieldNodes.flatMap((node) => node.selectionSet?.selections ?? []);
    if (!selections.some((s) => s.kind === "Field" && s.name.value === "totalCount")) return;
    const promise = count();
    // Observed here so a failing page query cannot leave the count as an unhandled rejection.
    promise.catch(() => {});
    this.started.set(args, promise);
  }

  /** The count started for these args, or a fresh one (e.g. `totalCount` selected through a fragment). */
  result(args: object, count: () => Promise<number>): Promise<number> {
    return this.started.get(args) ?? count();
  }
}
