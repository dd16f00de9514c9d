import { useMediaQuery } from "@mui/material";
import { BarChart } from "@mui/x-charts/BarChart";
import { asPercentages, codeLabel, outcomeColour, type UsageSummary } from "./usage.ts";

const dayFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });

/**
 * Verifications per UTC day, stacked by outcome: counts, or (`percent`) each outcome's share of its
 * day, which keeps a few refusals visible beside thousands of valid answers. Lazy: @mui/x-charts
 * loads only when there is usage.
 */
export default function UsageChart({ summary, percent = false }: { summary: UsageSummary; percent?: boolean }) {
  const reducedMotion = useMediaQuery("(prefers-reduced-motion: reduce)");
  const series = percent ? asPercentages(summary) : summary.series;
  return (
    <BarChart
      height={260}
      skipAnimation={reducedMotion}
      margin={{ left: 0, right: 20 }}
      grid={{ horizontal: true }}
      xAxis={[
        {
          scaleType: "band",
          label: "Day (UTC)",
          data: summary.starts,
          valueFormatter: (start: string) => dayFormat.format(new Date(start)),
          // A label every week keeps 30 days readable in the drawer's width; counted back from today so
          // the newest bar is the one named.
          tickLabelInterval: (_value: string, index: number) => (summary.starts.length - 1 - index) % 7 === 0,
        },
      ]}
      yAxis={[
        percent
          ? { min: 0, max: 100, width: 44, valueFormatter: (value: number) => `${value}%` }
          : { tickMinStep: 1, width: 44 },
      ]}
      series={series.map(({ code, data }) => ({
        id: code,
        label: codeLabel(code),
        data,
        stack: "outcome",
        valueFormatter: (value: number | null) => (percent ? `${value ?? 0}%` : String(value ?? 0)),
        color: outcomeColour(code),
      }))}
    />
  );
}
