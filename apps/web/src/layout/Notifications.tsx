import { styled } from "@mui/material/styles";
import { MaterialDesignContent, SnackbarProvider } from "notistack";
import type { ReactNode } from "react";

// notistack's default green and orange are too light for white text (WCAG AA); these pass.
const Content = styled(MaterialDesignContent)(() => ({
  "&.notistack-MuiContent-success": { backgroundColor: "#1b6e20" },
  "&.notistack-MuiContent-error": { backgroundColor: "#b3261e" },
  "&.notistack-MuiContent-warning": { backgroundColor: "#9a4a00" },
  "&.notistack-MuiContent-info": { backgroundColor: "#1f5fa8" },
}));

/** Every result is announced bottom right. */
export function Notifications({ children }: { children: ReactNode }) {
  return (
    <SnackbarProvider
      // Bottom right, where the product places them (SPEC); they hide by themselves after a few seconds.
      anchorOrigin={{ vertical: "bottom", horizontal: "right" }}
      maxSnack={3}
      Components={{ success: Content, error: Content, warning: Content, info: Content }}
    >
      {children}
    </SnackbarProvider>
  );
}
