import { Alert, Box, Skeleton, ToggleButton, ToggleButtonGroup, Typography } from "@mui/material";
import { lazy, Suspense, useState } from "react";
import { summarizeUsage, type UsageBucket, usageDays, usageSentence } from "../api-keys/usage.ts";

const UsageChart = lazy(() => import("../api-keys/UsageChart.tsx"));

/**
 * Verifications per UTC day by outcome, stacked, as counts or as each outcome's share of the day:
 * refusals that vanish beside large valid bars are readable in the second view.
 */
export function OverviewUsage({ buckets }: { buckets: UsageBucket[] }) {
  const [view, setView] = useState<"counts" | "percent">("counts");
  const summary = summarizeUsage(buckets);
  if (summary.total === 0) {
    return (
      <Alert severity="info" variant="outlined">
        No verifications in the last {usageDays} days.
      </Alert>
    );
  }
  const sentence = usageSentence(summary);
  return (
    <>
      <Box sx={{ display: "flex", alignItems: "center", gap: 2, flexWrap: "wrap" }}>
        <Typography variant="body2" sx={{ flex: 1, minWidth: 240 }}>
          {sentence}
        </Typography>
        <ToggleButtonGroup
          size="small"
          exclusive
          value={view}
          onChange={(_event, next: "counts" | "percent" | null) => next && setView(next)}
          aria-label="Show verifications as"
          color="primary"
          // The default grey of an unpressed button is too faint on the console's grey background.
          sx={{ "& .MuiToggleButton-root:not(.Mui-selected)": { color: "text.primary" } }}
        >
          <ToggleButton value="counts">Counts</ToggleButton>
          <ToggleButton value="percent">Share of the day</ToggleButton>
        </ToggleButtonGroup>
      </Box>
      <Box
        role="img"
        aria-label={`Verifications per day (UTC) by outcome, ${view === "percent" ? "as shares of each day" : "as counts"}. ${sentence}`}
      >
        <Suspense fallback={<Skeleton variant="rectangular" height={260} aria-label="Loading the usage chart" />}>
          <UsageChart summary={summary} percent={view === "percent"} />
        </Suspense>
      </Box>
    </>
  );
}
