import { Alert, Box, Skeleton, Typography } from "@mui/material";
import { lazy, type ReactNode, Suspense, useState } from "react";
import { useQuery } from "urql";
import { ApiKeyUsageQuery } from "./documents.ts";
import { summarizeUsage, type UsageBucket, usageDays, usageSentence, usageWindow } from "./usage.ts";

const UsageChart = lazy(() => import("./UsageChart.tsx"));

/** The Usage section of the key details: verifications per day by outcome over the last 30 days. */
export function KeyUsage({ id }: { id: string }) {
  // Fixed for the drawer's life: a window recomputed on every render would be new variables, a refetch.
  const [range] = useState(() => usageWindow(new Date()));
  const [result] = useQuery({ query: ApiKeyUsageQuery, variables: { id, ...range }, requestPolicy: "network-only" });
  const buckets = result.data?.node && "usage" in result.data.node ? result.data.node.usage : null;
  return <UsageView buckets={buckets} fetching={result.fetching} error={result.error?.message} />;
}

export function UsageView({
  buckets,
  fetching,
  error,
}: {
  buckets: UsageBucket[] | null;
  fetching: boolean;
  error?: string;
}) {
  let body: ReactNode = null;
  if (error) {
    body = <Alert severity="error">Usage could not be loaded: {error}</Alert>;
  } else if (!buckets) {
    if (fetching) body = <Skeleton variant="rectangular" height={48} aria-label="Loading usage" />;
  } else {
    const summary = summarizeUsage(buckets);
    if (summary.total === 0) {
      body = (
        <Alert severity="info" variant="outlined">
          No verifications in the last {usageDays} days.
        </Alert>
      );
    } else {
      const sentence = usageSentence(summary);
      body = (
        <>
          <Typography variant="body2">{sentence}</Typography>
          <Box role="img" aria-label={`Verifications per day by outcome. ${sentence}`}>
            <Suspense fallback={<Skeleton variant="rectangular" height={260} aria-label="Loading the usage chart" />}>
              <UsageChart summary={summary} />
            </Suspense>
          </Box>
        </>
      );
    }
  }
  return (
    <Box component="section" aria-labelledby="key-usage-title" sx={{ display: "grid", gap: 1 }}>
      <Typography id="key-usage-title" variant="subtitle1" component="h3">
        Usage, last {usageDays} days
      </Typography>
      {body}
    </Box>
  );
}
