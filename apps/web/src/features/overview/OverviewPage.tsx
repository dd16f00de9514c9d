import { Alert, Box, LinearProgress, Skeleton, Stack, Typography } from "@mui/material";
import { useMemo, useState } from "react";
import { useQuery } from "urql";
import { dayStart } from "../api-keys/key-filter.ts";
import { usageDays, usageWindow } from "../api-keys/usage.ts";
import { SessionLost } from "../session/SessionLost.tsx";
import { useOrganization } from "../session/SessionProvider.tsx";
import { OverviewKeysQuery, OverviewUsageQuery } from "./documents.ts";
import { ExpiringKeys, expiringListed } from "./ExpiringKeys.tsx";
import { Figure, Panel } from "./Figure.tsx";
import { OverviewUsage } from "./OverviewUsage.tsx";
import { expiringSoonDay, expiringSoonDays, keysWithStatus } from "./overview.ts";
import { TopKeys, TopRefusals } from "./TopLists.tsx";

const Loading = ({ label }: { label: string }) => (
  <Skeleton variant="rectangular" height={120} aria-label={`Loading ${label}`} />
);

const statuses = [
  { alias: "active", status: "ACTIVE", label: "active" },
  { alias: "expiring", status: "EXPIRING", label: "expiring within 90 days" },
  { alias: "expired", status: "EXPIRED", label: "expired" },
  { alias: "revoked", status: "REVOKED", label: "revoked" },
] as const;

/**
 * The Overview, where owners and admins land: keys by status, keys about to expire (with Renew), the
 * last 30 UTC days of verifications, the busiest keys and the commonest refusals. Every number leads
 * to the list it counts.
 */
export default function OverviewPage() {
  const organization = useOrganization();
  // Fixed for the page's life: a window recomputed on every render would be new variables, a refetch.
  const [{ range, now, expiringDay, expiringBefore }] = useState(() => {
    const now = new Date();
    const expiringDay = expiringSoonDay(now);
    // A day expiringSoonDay wrote is always a valid one.
    return { range: usageWindow(now), now, expiringDay, expiringBefore: dayStart(expiringDay) as string };
  });
  const context = useMemo(() => ({ additionalTypenames: ["ApiKey"] }), []);
  // Two requests, so the key counts show while the usage is still on its way.
  const [keysResult] = useQuery({
    query: OverviewKeysQuery,
    variables: { slug: organization.slug, expiringBefore, listed: expiringListed },
    context,
  });
  const [usageResult] = useQuery({ query: OverviewUsageQuery, variables: { slug: organization.slug, ...range } });
  const keys = keysResult.data?.organization;
  const usage = usageResult.data?.organization;

  const error = keysResult.error ?? usageResult.error;
  if (error?.response?.status === 401) return <SessionLost />;
  const refused = usage ? usage.verificationRefusals.reduce((n, r) => n + r.count, 0) : null;
  const total = usage ? usage.verificationUsage.reduce((n, b) => n + b.total, 0) : null;
  return (
    <Stack spacing={2}>
      <Box>
        <Typography variant="h5" component="h1">
          Overview
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {organization.name}: keys now, and verifications over the last {usageDays} days (UTC).
        </Typography>
      </Box>
      {(keysResult.fetching || usageResult.fetching) && <LinearProgress aria-label="Loading the overview" />}
      {error && <Alert severity="error">The overview could not be loaded: {error.message}</Alert>}
      {keys && (
        <>
          <Panel id="overview-keys" title="Keys by status">
            <Box sx={{ display: "flex", gap: 4, flexWrap: "wrap" }}>
              {statuses.map(({ alias, status, label }) => (
                <Figure key={status} label={label} value={keys[alias].totalCount} to={keysWithStatus(status)} />
              ))}
              <Figure label={`verifications, ${usageDays} days`} value={total} />
              <Figure label={`refused, ${usageDays} days`} value={refused} />
            </Box>
          </Panel>
          <Box sx={{ display: "grid", gap: 2, gridTemplateColumns: { xs: "1fr", lg: "3fr 2fr" } }}>
            <Panel id="overview-usage" title={`Verifications per day, last ${usageDays} days (UTC)`}>
              {usage ? <OverviewUsage buckets={usage.verificationUsage} /> : <Loading label="usage" />}
            </Panel>
            <Panel id="overview-expiring" title={`Expiring in the next ${expiringSoonDays} days`}>
              <ExpiringKeys
                keys={keys.expiringSoon.nodes}
                totalCount={keys.expiringSoon.totalCount}
                before={expiringDay}
                canManage={organization.canManage}
                now={now}
              />
            </Panel>
            <Panel id="overview-top-keys" title="Top keys by traffic">
              {usage ? <TopKeys rows={usage.verificationTopKeys} /> : <Loading label="top keys" />}
            </Panel>
            <Panel id="overview-refusals" title="Top refusal codes">
              {usage ? <TopRefusals rows={usage.verificationRefusals} /> : <Loading label="refusals" />}
            </Panel>
          </Box>
        </>
      )}
    </Stack>
  );
}
