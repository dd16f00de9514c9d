import { Alert } from "@mui/material";
import { useEffect } from "react";
import { useSession } from "./SessionProvider.tsx";

/**
 * Shown when an organization query answers null: either the session expired (re-checking the viewer
 * then sends the person to sign-in with the current URL kept) or the membership is gone.
 */
export function SessionLost() {
  const { refresh } = useSession();
  useEffect(() => refresh(), [refresh]);
  return <Alert severity="warning">This organization is not available to you any more.</Alert>;
}
