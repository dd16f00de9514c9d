import { createTheme } from "@mui/material/styles";

/** The console's look: MUI defaults with a calmer primary and compact tables. */
const reducedMotion =
  typeof window !== "undefined" && window.matchMedia?.("(prefers-reduced-motion: reduce)").matches === true;

export const theme = createTheme({
  // People who ask their system for less motion get dialogs and menus without animations.
  ...(reducedMotion ? { transitions: { create: () => "none" } } : {}),
  // Darker success and warning than MUI's defaults: outlined chips use the main colour as text, and
  // the defaults fall short of WCAG AA contrast on white.
  palette: {
    primary: { main: "#1f5fa8" },
    success: { main: "#1b6e20" },
    warning: { main: "#9a4a00" },
    background: { default: "#f6f7f9" },
  },
  shape: { borderRadius: 8 },
  components: {
    MuiButton: { defaultProps: { disableElevation: true } },
    MuiTooltip: { defaultProps: { arrow: true } },
  },
});
