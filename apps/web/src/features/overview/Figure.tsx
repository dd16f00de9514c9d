import { Box, Link, Typography } from "@mui/material";
import { Link as RouterLink } from "react-router";

const number = new Intl.NumberFormat("en-GB");
export const formatCount = (n: number) => number.format(n);

/** A number with its label, leading to the list it counts when there is one. */
export function Figure({ label, value, to }: { label: string; value: number | null; to?: string | null }) {
  const shown = value === null ? "—" : formatCount(value);
  return (
    <Box sx={{ minWidth: 120 }}>
      <Typography variant="h4" component="p" sx={{ fontWeight: 600 }}>
        {to && value !== null ? (
          <Link component={RouterLink} to={to} underline="hover" aria-label={`${shown} ${label}: show them`}>
            {shown}
          </Link>
        ) : (
          shown
        )}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {label}
      </Typography>
    </Box>
  );
}

/** A titled section of the Overview. */
export function Panel({
  id,
  title,
  action,
  children,
}: {
  id: string;
  title: string;
  action?: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <Box
      component="section"
      aria-labelledby={id}
      sx={{
        border: 1,
        borderColor: "divider",
        borderRadius: 1,
        p: 2,
        display: "grid",
        gap: 1.5,
        alignContent: "start",
        minWidth: 0,
      }}
    >
      <Box sx={{ display: "flex", alignItems: "center", gap: 1, flexWrap: "wrap" }}>
        <Typography id={id} variant="h6" component="h2" sx={{ flex: 1 }}>
          {title}
        </Typography>
        {action}
      </Box>
      {children}
    </Box>
  );
}
