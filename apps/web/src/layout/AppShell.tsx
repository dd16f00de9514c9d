import AccountCircle from "@mui/icons-material/AccountCircle";
import {
  AppBar,
  Box,
  Chip,
  Divider,
  IconButton,
  ListItemText,
  Menu,
  MenuItem,
  Select,
  Tab,
  Tabs,
  Toolbar,
  Typography,
} from "@mui/material";
import { lazy, Suspense, useState } from "react";
import { Link, Outlet, useLocation, useNavigate } from "react-router";
import { useMutation } from "urql";
import { SignOutMutation } from "../features/session/documents.ts";
import { useOrganization, useSession } from "../features/session/SessionProvider.tsx";

const CreateOrganizationDialog = lazy(() => import("../features/organizations/CreateOrganizationDialog.tsx"));
/** The switcher's last entry: not an organization, it opens the "Create organization" dialog. */
const createEntry = "__create__";

const sections = [
  { path: "/overview", label: "Overview" },
  { path: "/keys", label: "API Keys" },
  { path: "/accounts", label: "Account Tokens" },
  { path: "/members", label: "Members" },
  { path: "/resources", label: "Resources" },
  { path: "/webhooks", label: "Webhooks", managersOnly: true },
  { path: "/audit", label: "Audit log", managersOnly: true },
];

/** The frame around every screen: organization, role, sections and the user menu. */
export function AppShell() {
  const session = useSession();
  const organization = useOrganization();
  const location = useLocation();
  const navigate = useNavigate();
  const [, signOut] = useMutation(SignOutMutation);
  const [menuAnchor, setMenuAnchor] = useState<HTMLElement | null>(null);
  const [creating, setCreating] = useState(false);
  const current = sections.find((s) => location.pathname.startsWith(s.path))?.path ?? false;

  async function leave() {
    setMenuAnchor(null);
    await signOut({});
    session.refresh();
    navigate("/sign-in", { replace: true });
  }

  return (
    <Box sx={{ minHeight: "100vh", display: "flex", flexDirection: "column" }}>
      <AppBar position="static" color="default" elevation={0} sx={{ borderBottom: 1, borderColor: "divider" }}>
        <Toolbar sx={{ gap: 2 }}>
          <Typography variant="h6" component="p" sx={{ fontWeight: 700, color: "primary.main" }}>
            Tessera
          </Typography>
          <Select
            size="small"
            value={organization.slug}
            onChange={(e) =>
              e.target.value === createEntry ? setCreating(true) : session.selectOrganization(e.target.value)
            }
            inputProps={{ "aria-label": "Organization" }}
          >
            {session.organizations.map((o) => (
              <MenuItem key={o.slug} value={o.slug}>
                {o.name}
              </MenuItem>
            ))}
            <Divider />
            <MenuItem value={createEntry}>+ Create organization</MenuItem>
          </Select>
          <Chip
            size="small"
            label={`Role: ${organization.viewerRole ?? "—"}`}
            color={organization.canManage ? "primary" : "default"}
            variant="outlined"
          />
          <Box component="nav" aria-label="Sections" sx={{ flex: 1, minWidth: 0 }}>
            <Tabs value={current} sx={{ minHeight: 48 }}>
              {sections
                .filter((s) => organization.canManage || !s.managersOnly)
                .map((s) => (
                  <Tab key={s.path} label={s.label} value={s.path} component={Link} to={s.path} />
                ))}
            </Tabs>
          </Box>
          <IconButton
            aria-label="Account menu"
            aria-haspopup="menu"
            aria-controls={menuAnchor ? "account-menu" : undefined}
            onClick={(e) => setMenuAnchor(e.currentTarget)}
          >
            <AccountCircle />
          </IconButton>
          <Menu id="account-menu" anchorEl={menuAnchor} open={Boolean(menuAnchor)} onClose={() => setMenuAnchor(null)}>
            <MenuItem disabled>
              <ListItemText primary={session.user?.name ?? session.user?.email} secondary={session.user?.email} />
            </MenuItem>
            <Divider />
            <MenuItem component="a" href="/graphql" target="_blank" rel="noopener" onClick={() => setMenuAnchor(null)}>
              GraphQL explorer
            </MenuItem>
            <MenuItem onClick={leave}>Sign out</MenuItem>
          </Menu>
        </Toolbar>
      </AppBar>
      {creating && (
        <Suspense fallback={null}>
          <CreateOrganizationDialog
            onClose={() => setCreating(false)}
            onCreated={(slug) => {
              session.selectOrganization(slug);
              session.refresh();
            }}
          />
        </Suspense>
      )}
      <Box component="main" sx={{ flex: 1, p: 3, minWidth: 0 }}>
        <Outlet />
      </Box>
    </Box>
  );
}
