import { Alert, Box, Button, CircularProgress } from "@mui/material";
import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { useSession } from "./SessionProvider.tsx";

/** Sends anyone without a session to sign-in, remembering where they were going. */
export function RequireSession({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.fetching)
    return (
      <Box sx={{ display: "grid", placeItems: "center", minHeight: "60vh" }}>
        <CircularProgress aria-label="Loading your session" />
      </Box>
    );
  if (session.error)
    return (
      <Alert severity="error" sx={{ m: 4 }} action={<Button onClick={session.refresh}>Retry</Button>}>
        Tessera could not be reached.
      </Alert>
    );
  if (!session.user) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  if (!session.organization)
    return (
      <Alert severity="info" sx={{ m: 4 }}>
        You are not a member of any organization yet. Ask an owner to invite you.
      </Alert>
    );
  return <>{children}</>;
}
