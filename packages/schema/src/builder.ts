import SchemaBuilder from "@pothos/core";
import ErrorsPlugin from "@pothos/plugin-errors";
import PrismaPlugin from "@pothos/plugin-prisma";
import RelayPlugin from "@pothos/plugin-relay";
import { isUuid } from "@tessera/core";
import { Prisma } from "@tessera/db";
import type { Context } from "./context.ts";
import type PrismaTypes from "./generated/pothos-types.ts";
import { getDatamodel } from "./generated/pothos-types.ts";
import { readGuards } from "./read-guard.ts";

export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  DefaultFieldNullability: false;
  DefaultEdgesNullability: { list: false; items: false };
  DefaultNodeNullability: false;
  DefaultInputFieldRequiredness: false;
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    JSON: { Input: unknown; Output: unknown };
  };
}>({
  plugins: [ErrorsPlugin, PrismaPlugin, RelayPlugin],
  defaultFieldNullability: false,
  prisma: {
    client: (ctx) => ctx.prisma,
    dmmf: getDatamodel(),
    exposeDescriptions: false,
    filterConnectionTotalCount: true,
    onUnusedQuery: null,
    defaultConnectionSize: 50,
    maxConnectionSize: 100,
  },
  relay: {
    clientMutationId: "omit",
    cursorType: "String",
    nodesOnConnection: { description: "The items of this page, without cursors." },
    nodesQueryOptions: false,
    idFieldOptions: { description: "A global id: pass it to `node(id:)` or to mutations that take this object's id." },
    nodeTypeOptions: { description: "An object with a global id that `node(id:)` can fetch." },
    nodeQueryOptions: {
      description: "Fetches any object by its global id; null when it does not exist or you may not see it.",
      args: { id: { description: "The object's global id." } },
      resolve: async (_root, { id }, ctx, _info, resolveNode) => {
        // Every node is keyed by a UUID: anything else cannot exist, and must not reach the database as a 500.
        if (!isUuid(id.id)) return null;
        // prismaNode loads with findUniqueOrThrow: an unknown id must read as null, not as a 500.
        let node: unknown;
        try {
          node = await resolveNode(id);
        } catch (error) {
          if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025") return null;
          throw error;
        }
        // The type's read rule, as on every other path to it; a type without one is never reachable here.
        const guard = readGuards[id.typename];
        return node && guard && (await guard(ctx, node as Record<string, unknown>)) ? node : null;
      },
    },
    edgesFieldOptions: {
      nullable: { list: false, items: false },
      description: "The items of this page, with cursors.",
    },
    nodeFieldOptions: { nullable: false, description: "The item." },
    cursorFieldOptions: { description: "Pass as `after` to get the items that follow this one." },
    pageInfoFieldOptions: { description: "Where this page sits in the whole list." },
    pageInfoTypeOptions: { description: "Where a page sits in its list, for cursor pagination." },
    hasNextPageFieldOptions: { description: "True when more items follow this page." },
    hasPreviousPageFieldOptions: {
      description: "True when items precede this page (only known when paging backwards).",
    },
    startCursorFieldOptions: { description: "The cursor of the first item of this page." },
    endCursorFieldOptions: { description: "The cursor of the last item; pass it as `after` for the next page." },
    // The contract shows `first: Int = 50`; 1..100 is enforced by assertPageArgs with a clear error.
    firstArgOptions: { defaultValue: 50, description: "How many items to return: 1 to 100 (default 50)." },
    afterArgOptions: { description: "Return the items after this cursor (an `endCursor` or edge `cursor`)." },
    beforeArgOptions: { description: "Not supported (lists page forwards): use `first` and `after`." },
    lastArgOptions: { description: "Not supported (lists page forwards): use `first` and `after`." },
  },
  errors: { directResult: true },
});
