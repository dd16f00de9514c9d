import { createTheme } from "@mui/material/styles";

/** The console's look: MUI defaults with a calmer primary and compact tables. */
export const theme = createTheme({
  palette: { primary: { main: "#1f5fa8" }, background: { default: "#f6f7f9" } },
  shape: { borderRadius: 8 },
  components: {
    MuiButton: { defaultProps: { disableElevation: true } },
    MuiTooltip: { defaultProps: { arrow: true } },
  },
});
