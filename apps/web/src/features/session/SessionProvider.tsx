import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from "react";
import { useQuery } from "urql";
import type { ResultOf } from "../../lib/graphql.ts";
import { ViewerQuery } from "./documents.ts";

type ViewerData = ResultOf<typeof ViewerQuery>["viewer"];
export type Organization = ViewerData["organizations"][number];

type Session = {
  fetching: boolean;
  error: boolean;
  user: ViewerData["user"] | null;
  organizations: Organization[];
  organization: Organization | null;
  /** OWNER and ADMIN manage; EDITOR and VIEWER get a read-only console. */
  canManage: boolean;
  selectOrganization: (slug: string) => void;
  refresh: () => void;
};

const SessionContext = createContext<Session | null>(null);
const storageKey = "tessera.organization";

/** Who is signed in and which of their organizations the console shows (remembered per browser). */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [result, reexecute] = useQuery({ query: ViewerQuery, requestPolicy: "network-only" });
  const [chosen, setChosen] = useState(() => localStorage.getItem(storageKey) ?? "");
  const viewer = result.data?.viewer;
  const organizations = viewer?.organizations ?? [];
  const organization = organizations.find((o) => o.slug === chosen) ?? organizations[0] ?? null;

  const selectOrganization = useCallback((slug: string) => {
    localStorage.setItem(storageKey, slug);
    setChosen(slug);
  }, []);
  const refresh = useCallback(() => reexecute({ requestPolicy: "network-only" }), [reexecute]);

  const value = useMemo<Session>(
    () => ({
      fetching: result.fetching && !result.data,
      error: Boolean(result.error) && !result.data,
      user: viewer?.user ?? null,
      organizations,
      organization,
      canManage: organization?.viewerRole === "OWNER" || organization?.viewerRole === "ADMIN",
      selectOrganization,
      refresh,
    }),
    [result.fetching, result.data, result.error, viewer, organizations, organization, selectOrganization, refresh],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession outside SessionProvider");
  return session;
}

/** The organization the console shows; only used below RequireSession, where there is one. */
export function useOrganization(): Organization & { canManage: boolean } {
  const { organization, canManage } = useSession();
  if (!organization) throw new Error("useOrganization without an organization");
  return { ...organization, canManage };
}
