import { Navigate } from "react-router";
import { useOrganization } from "./SessionProvider.tsx";

/** Where a signed-in person lands: owners and admins on the Overview, everyone else on API Keys. */
export function Landing() {
  const organization = useOrganization();
  return <Navigate to={organization.canManage ? "/overview" : "/keys"} replace />;
}
