import { Alert, Button, Stack, Typography } from "@mui/material";
import { useMemo } from "react";
import { useQuery } from "urql";
import { SessionLost } from "../session/SessionLost.tsx";
import { useOrganization } from "../session/SessionProvider.tsx";
import { ApiVersionsSection } from "./ApiVersionsSection.tsx";
import { SettingsQuery } from "./documents.ts";
import { ScopesSection } from "./ScopesSection.tsx";

/** Settings: the scope catalogue and the API versions. Every member reads; OWNER and ADMIN change. */
export default function SettingsPage() {
  const organization = useOrganization();
  const context = useMemo(() => ({ additionalTypenames: ["Scope", "ApiVersion"] }), []);
  const [result, refetch] = useQuery({ query: SettingsQuery, variables: { slug: organization.slug }, context });
  const org = result.data?.organization;
  if (result.data && !org) return <SessionLost />;
  const changed = () => refetch({ requestPolicy: "network-only" });

  return (
    <Stack spacing={4}>
      <Stack spacing={1}>
        <Typography variant="h5" component="h1">
          Settings
        </Typography>
        {!organization.canManage && (
          <Typography color="text.secondary">Owners and admins change these settings; you can read them.</Typography>
        )}
      </Stack>
      {result.error && !result.data && (
        <Alert severity="error" action={<Button onClick={changed}>Retry</Button>}>
          The settings could not be loaded: {result.error.message}
        </Alert>
      )}
      <ScopesSection scopes={org?.scopes ?? []} loading={result.fetching} onChanged={changed} />
      <ApiVersionsSection versions={org?.apiVersions ?? []} loading={result.fetching} onChanged={changed} />
    </Stack>
  );
}
