import { CircularProgress } from "@mui/material";
import { lazy, Suspense } from "react";
import { Route, Routes } from "react-router";
import { Landing } from "./features/session/Landing.tsx";
import { RequireSession } from "./features/session/RequireSession.tsx";
import { SignInPage } from "./features/session/SignInPage.tsx";
import { AcceptInvitationPage } from "./features/team/AcceptInvitationPage.tsx";
import { ForgotPasswordPage } from "./features/team/ForgotPasswordPage.tsx";
import { ResetPasswordPage } from "./features/team/ResetPasswordPage.tsx";
import { SetupPage } from "./features/team/SetupPage.tsx";
import { AppShell } from "./layout/AppShell.tsx";

// Screens load on first visit, keeping the initial JavaScript small (the data grid is the bulk).
const ApiKeysPage = lazy(() => import("./features/api-keys/ApiKeysPage.tsx"));
const AccountTokensPage = lazy(() => import("./features/account-tokens/AccountTokensPage.tsx"));
const AuditLogPage = lazy(() => import("./features/audit-log/AuditLogPage.tsx"));
const MembersPage = lazy(() => import("./features/members/MembersPage.tsx"));
const ResourcesPage = lazy(() => import("./features/resources/ResourcesPage.tsx"));
const WebhooksPage = lazy(() => import("./features/webhooks/WebhooksPage.tsx"));
const OverviewPage = lazy(() => import("./features/overview/OverviewPage.tsx"));

/** Composes the console: sign-in outside, every screen inside the session and the shell. */
export function App() {
  return (
    <Suspense fallback={<CircularProgress aria-label="Loading" sx={{ m: 4 }} />}>
      <Routes>
        <Route path="/sign-in" element={<SignInPage />} />
        <Route path="/setup" element={<SetupPage />} />
        <Route path="/invitations/:token" element={<AcceptInvitationPage />} />
        <Route path="/forgot-password" element={<ForgotPasswordPage />} />
        <Route path="/reset-password" element={<ResetPasswordPage />} />
        <Route
          element={
            <RequireSession>
              <AppShell />
            </RequireSession>
          }
        >
          <Route path="/overview" element={<OverviewPage />} />
          <Route path="/keys" element={<ApiKeysPage />} />
          <Route path="/accounts" element={<AccountTokensPage />} />
          <Route path="/audit" element={<AuditLogPage />} />
          <Route path="/members" element={<MembersPage />} />
          <Route path="/resources" element={<ResourcesPage />} />
          <Route path="/webhooks" element={<WebhooksPage />} />
          <Route path="*" element={<Landing />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
