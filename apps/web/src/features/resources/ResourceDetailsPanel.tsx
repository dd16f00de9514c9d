import { Box, Button, Chip, CircularProgress, Divider, Paper, Stack, Typography } from "@mui/material";
import { useMutation, useQuery } from "urql";
import { formatDate } from "../../lib/dates.ts";
import { useReportedAction } from "../../lib/mutation-result.ts";
import { type ResourceDetails, ResourceDetailsQuery, RevokeAccessMutation } from "./documents.ts";
import { kindLabel, resourceChange } from "./labels.ts";

export type ResourceAction = "create" | "rename" | "move" | "delete" | "transfer" | "grant";

type Props = { id: string; canChange: boolean; onAction: (action: ResourceAction, resource: ResourceDetails) => void };

/** The selected resource: where it sits, who owns it, who else may reach it, and what can be done. */
export function ResourceDetailsPanel({ id, canChange, onAction }: Props) {
  const [result] = useQuery({ query: ResourceDetailsQuery, variables: { id }, context: resourceChange });
  const [, revoke] = useMutation(RevokeAccessMutation);
  const report = useReportedAction();
  const node = result.data?.node;
  if (!node || !("name" in node)) {
    return result.fetching ? <CircularProgress aria-label="Loading the resource" /> : null;
  }
  const resource = node;
  const group = resource.kind === "VEHICLE_GROUP";

  return (
    <Paper variant="outlined" sx={{ p: 2 }} aria-labelledby="resource-details-title">
      <Typography id="resource-details-title" variant="h6" component="h2">
        {resource.name}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {kindLabel(resource.kind)} · {resource.parent ? `in ${resource.parent.name}` : "top level"} · added{" "}
        {formatDate(resource.createdAt)}
        {group ? ` · contains ${resource.childCount}` : ""}
      </Typography>
      {canChange && (
        <Stack direction="row" spacing={1} sx={{ mt: 2, flexWrap: "wrap", rowGap: 1 }}>
          {group && (
            <Button size="small" variant="contained" onClick={() => onAction("create", resource)}>
              New resource here
            </Button>
          )}
          <Button size="small" onClick={() => onAction("rename", resource)}>
            Rename
          </Button>
          <Button size="small" onClick={() => onAction("move", resource)}>
            Move
          </Button>
          <Button size="small" onClick={() => onAction("transfer", resource)}>
            Transfer ownership
          </Button>
          <Button size="small" color="error" onClick={() => onAction("delete", resource)}>
            Delete
          </Button>
        </Stack>
      )}
      <Divider sx={{ my: 2 }} />
      <Typography variant="subtitle2" component="h3">
        Owners
      </Typography>
      <Box sx={{ display: "flex", gap: 1, flexWrap: "wrap", my: 1 }}>
        {resource.ownerUsers.map((u) => (
          <Chip key={u.id} label={u.email} size="small" />
        ))}
        {resource.ownerKeys.map((k) => (
          <Chip key={k.id} label={`Key ${k.name}`} size="small" variant="outlined" />
        ))}
        {resource.ownerUsers.length + resource.ownerKeys.length === 0 && (
          <Typography variant="body2" color="text.secondary">
            No owner you may see.
          </Typography>
        )}
      </Box>
      <Stack direction="row" sx={{ alignItems: "center", justifyContent: "space-between", mt: 2 }}>
        <Typography variant="subtitle2" component="h3">
          Access
        </Typography>
        {canChange && (
          <Button size="small" onClick={() => onAction("grant", resource)}>
            Grant access
          </Button>
        )}
      </Stack>
      {resource.accessEntries.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          Nobody else has been granted access{group ? " to this group" : ""}.
        </Typography>
      ) : (
        <Box component="ul" sx={{ listStyle: "none", p: 0, m: 0 }}>
          {resource.accessEntries.map((entry) => {
            const who = entry.user
              ? entry.user.email
              : entry.apiKey
                ? `Key ${entry.apiKey.name}`
                : "Someone you may not see";
            const principal = entry.user ? { userId: entry.user.id } : entry.apiKey ? { keyId: entry.apiKey.id } : null;
            return (
              <Box component="li" key={entry.id} sx={{ display: "flex", alignItems: "center", gap: 1, py: 0.5 }}>
                <Chip
                  label={entry.permission}
                  size="small"
                  color={entry.permission === "WRITE" ? "primary" : "default"}
                />
                <Typography variant="body2" sx={{ flex: 1 }}>
                  {who}
                </Typography>
                {canChange && principal && (
                  <Button
                    size="small"
                    aria-label={`Revoke ${entry.permission} from ${who}`}
                    onClick={() =>
                      report(
                        () =>
                          revoke(
                            { input: { resourceId: id, principal, permission: entry.permission } },
                            resourceChange,
                          ),
                        (d) => d.revokeResourceAccess,
                        `${entry.permission} revoked from ${who}.`,
                      )
                    }
                  >
                    Revoke
                  </Button>
                )}
              </Box>
            );
          })}
        </Box>
      )}
    </Paper>
  );
}
