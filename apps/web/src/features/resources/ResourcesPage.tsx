import AddIcon from "@mui/icons-material/Add";
import {
  Alert,
  Box,
  Button,
  CircularProgress,
  List,
  ListItem,
  ListItemButton,
  Paper,
  Stack,
  TextField,
  Typography,
} from "@mui/material";
import { lazy, Suspense, useState } from "react";
import { useQuery } from "urql";
import { readFragment } from "../../lib/graphql.ts";
import { useDebounced } from "../../lib/useDebounced.ts";
import { SessionLost } from "../session/SessionLost.tsx";
import { useOrganization } from "../session/SessionProvider.tsx";
import { type ResourceDetails, ResourceNodeFields, ResourceRootsQuery } from "./documents.ts";
import { resourceChange } from "./labels.ts";
import { type ResourceAction, ResourceDetailsPanel } from "./ResourceDetailsPanel.tsx";
import { ResourceLabel, ResourceTree, resourceOfItem } from "./ResourceTree.tsx";

const ResourceNameDialog = lazy(() => import("./ResourceNameDialog.tsx"));
const MoveResourceDialog = lazy(() => import("./MoveResourceDialog.tsx"));
const DeleteResourceDialog = lazy(() => import("./DeleteResourceDialog.tsx"));
const PrincipalDialog = lazy(() => import("./PrincipalDialog.tsx"));

type Open = { action: ResourceAction; resource: ResourceDetails | null };

/**
 * Resources: the tree of groups and what they contain, a search across every name, and the selected
 * resource's owners and access. Members who may write resources (OWNER, ADMIN, EDITOR) see the
 * actions; the server decides, per resource, whether an EDITOR owns or may write it.
 */
export default function ResourcesPage() {
  const organization = useOrganization();
  const canChange = organization.viewerRole !== "VIEWER";
  const [search, setSearch] = useState("");
  const settled = useDebounced(search.trim(), 300);
  const [selected, setSelected] = useState<string | null>(null);
  const [open, setOpen] = useState<Open | null>(null);
  const filter = settled ? { search: settled } : { topLevel: true };
  const [result] = useQuery({
    query: ResourceRootsQuery,
    variables: { slug: organization.slug, filter },
    context: resourceChange,
  });
  const connection = result.data?.organization?.resources;
  const nodes = (connection?.nodes ?? []).map((n) => ({ ...readFragment(ResourceNodeFields, n), parent: n.parent }));
  const close = () => setOpen(null);
  const selectedId = selected && resourceOfItem(selected);

  if (result.error?.graphQLErrors.some((e) => e.extensions?.code === "UNAUTHENTICATED")) return <SessionLost />;

  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={2} sx={{ alignItems: "center" }}>
        <Typography variant="h5" component="h1" sx={{ flex: 1 }}>
          Resources
        </Typography>
        {canChange && (
          <Button
            variant="contained"
            startIcon={<AddIcon />}
            onClick={() => setOpen({ action: "create", resource: null })}
          >
            New resource
          </Button>
        )}
      </Stack>
      <TextField
        label="Search resources"
        type="search"
        size="small"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        sx={{ maxWidth: 360 }}
      />
      {result.error && !connection && (
        <Alert severity="error">{result.error.graphQLErrors[0]?.message ?? "Tessera could not be reached."}</Alert>
      )}
      <Box sx={{ display: "grid", gridTemplateColumns: { xs: "1fr", md: "minmax(0, 1fr) minmax(0, 1fr)" }, gap: 2 }}>
        <Paper variant="outlined" sx={{ p: 1, minHeight: 240 }}>
          {!connection ? (
            result.fetching && <CircularProgress aria-label="Loading resources" sx={{ m: 2 }} />
          ) : nodes.length === 0 ? (
            <Typography color="text.secondary" sx={{ p: 2 }}>
              {settled ? `No resource matches "${settled}".` : "No resources yet. Create a group, then vehicles in it."}
            </Typography>
          ) : settled ? (
            <List dense aria-label="Matching resources">
              {nodes.map((node) => (
                <ListItem key={node.id} disablePadding>
                  <ListItemButton selected={node.id === selected} onClick={() => setSelected(node.id)}>
                    <ResourceLabel node={node} />
                    <Typography variant="caption" color="text.secondary" sx={{ ml: 1 }}>
                      {node.parent ? `in ${node.parent.name}` : "top level"}
                    </Typography>
                  </ListItemButton>
                </ListItem>
              ))}
            </List>
          ) : (
            <ResourceTree roots={nodes} selected={selected} onSelect={setSelected} />
          )}
          {connection && connection.totalCount > nodes.length && (
            <Typography variant="caption" color="text.secondary" sx={{ p: 1, display: "block" }}>
              Showing {nodes.length} of {connection.totalCount}; search to find the others.
            </Typography>
          )}
        </Paper>
        <Box>
          {selectedId ? (
            <ResourceDetailsPanel
              id={selectedId}
              canChange={canChange}
              onAction={(action, resource) => setOpen({ action, resource })}
            />
          ) : (
            <Typography color="text.secondary" sx={{ p: 2 }}>
              Select a resource to see its owners and access.
            </Typography>
          )}
        </Box>
      </Box>
      <Suspense fallback={null}>
        {open?.action === "create" && (
          <ResourceNameDialog mode="create" parent={open.resource} onClose={close} onDone={(id) => setSelected(id)} />
        )}
        {open?.resource && open.action === "rename" && (
          <ResourceNameDialog mode="rename" resource={open.resource} onClose={close} onDone={() => {}} />
        )}
        {open?.resource && open.action === "move" && <MoveResourceDialog resource={open.resource} onClose={close} />}
        {open?.resource && open.action === "delete" && (
          <DeleteResourceDialog resource={open.resource} onClose={close} onDeleted={() => setSelected(null)} />
        )}
        {open?.resource && (open.action === "transfer" || open.action === "grant") && (
          <PrincipalDialog mode={open.action} resource={open.resource} onClose={close} />
        )}
      </Suspense>
    </Stack>
  );
}
