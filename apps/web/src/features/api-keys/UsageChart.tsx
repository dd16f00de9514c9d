import { useMediaQuery } from "@mui/material";
import { BarChart } from "@mui/x-charts/BarChart";
import { codeLabel, type UsageSummary } from "./usage.ts";

// Valid is the theme's success green; refusals get distinct non-green colours, fixed per code so a
// code keeps its colour from one key to the next.
const colours: Record<string, string> = {
  VALID: "#1b6e20",
  REVOKED: "#b71c1c",
  EXPIRED: "#e65100",
  INSUFFICIENT_SCOPE: "#6a1b9a",
  ORIGIN_NOT_ALLOWED: "#1565c0",
  USER_AGENT_NOT_ALLOWED: "#00838f",
  RESOURCE_FORBIDDEN: "#ad1457",
  ACCOUNT_MISMATCH: "#4e342e",
  ACCOUNT_INACTIVE: "#827717",
  RATE_LIMITED: "#455a64",
  IP_NOT_ALLOWED: "#283593",
  USAGE_EXCEEDED: "#bf360c",
};

const dayFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });

/** Verifications per day, stacked by outcome. Lazy: @mui/x-charts loads only when there is usage. */
export default function UsageChart({ summary }: { summary: UsageSummary }) {
  const reducedMotion = useMediaQuery("(prefers-reduced-motion: reduce)");
  return (
    <BarChart
      height={260}
      skipAnimation={reducedMotion}
      margin={{ left: 0, right: 20 }}
      grid={{ horizontal: true }}
      xAxis={[
        {
          scaleType: "band",
          data: summary.starts,
          valueFormatter: (start: string) => dayFormat.format(new Date(start)),
          // A label every week keeps 30 days readable in the drawer's width; counted back from today so
          // the newest bar is the one named.
          tickLabelInterval: (_value: string, index: number) => (summary.starts.length - 1 - index) % 7 === 0,
        },
      ]}
      yAxis={[{ tickMinStep: 1, width: 36 }]}
      series={summary.series.map(({ code, data }) => ({
        id: code,
        label: codeLabel(code),
        data,
        stack: "outcome",
        color: colours[code] ?? "#5d4037",
      }))}
    />
  );
}
