import { CssBaseline, ThemeProvider } from "@mui/material";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router";
import { Provider } from "urql";
import { App } from "./App.tsx";
import { SessionProvider } from "./features/session/SessionProvider.tsx";
import { Notifications } from "./layout/Notifications.tsx";
import { theme } from "./layout/theme.ts";
import { createConsoleClient } from "./lib/client.ts";

const client = createConsoleClient();

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <Notifications>
        <Provider value={client}>
          <BrowserRouter>
            <SessionProvider>
              <App />
            </SessionProvider>
          </BrowserRouter>
        </Provider>
      </Notifications>
    </ThemeProvider>
  </StrictMode>,
);
