import {
  Alert,
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  List,
  ListItem,
  ListItemText,
} from "@mui/material";
import { useMutation, useQuery } from "urql";
import { useReportedAction } from "../../lib/mutation-result.ts";
import { DeleteResourceMutation, DeletionImpactQuery } from "./documents.ts";
import { resourceChange } from "./labels.ts";

/**
 * Deletes a resource after saying what goes with it: for a group, everything it contains; and which
 * keys lose a restriction (a key left with none reaches no resource until it is edited).
 */
export default function DeleteResourceDialog({
  resource,
  onClose,
  onDeleted,
}: {
  resource: { id: string; name: string };
  onClose: () => void;
  onDeleted: () => void;
}) {
  const [impact] = useQuery({
    query: DeletionImpactQuery,
    variables: { id: resource.id },
    requestPolicy: "network-only",
  });
  const [, remove] = useMutation(DeleteResourceMutation);
  const report = useReportedAction();
  const node = impact.data?.node;
  const details = node && "deletionImpact" in node ? node.deletionImpact : null;
  const contained = details ? details.resourceCount - 1 : 0;

  async function confirm() {
    const outcome = await report(
      () => remove({ input: { id: resource.id, recursive: contained > 0 } }, resourceChange),
      (d) => d.deleteResource,
      `"${resource.name}" deleted${contained > 0 ? ` with ${contained} contained resource${contained === 1 ? "" : "s"}` : ""}.`,
    );
    if (!outcome.ok) return;
    onDeleted();
    onClose();
  }

  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="delete-resource-title">
      <DialogTitle id="delete-resource-title">Delete "{resource.name}"?</DialogTitle>
      <DialogContent>
        {!details ? (
          <CircularProgress aria-label="Working out what goes with it" size={24} />
        ) : (
          <>
            <DialogContentText>
              {contained > 0
                ? `This group contains ${contained} resource${contained === 1 ? "" : "s"} (at any depth); they are deleted with it.`
                : "Its owners and access entries go with it."}{" "}
              This cannot be undone.
            </DialogContentText>
            {details.restrictionsLost.length > 0 && (
              <Alert severity="warning" sx={{ mt: 2 }}>
                These keys lose a resource restriction:
                <List dense disablePadding>
                  {details.restrictionsLost.map((loss) => (
                    <ListItem key={loss.keyName} disableGutters>
                      <ListItemText
                        primary={loss.keyName}
                        secondary={
                          loss.leftWithNoResources
                            ? "Restricted to these resources only: it will reach no resource until edited."
                            : `Loses ${loss.lostResourceCount} of its resources; keeps the others.`
                        }
                      />
                    </ListItem>
                  ))}
                </List>
              </Alert>
            )}
          </>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button color="error" variant="contained" onClick={confirm} disabled={!details}>
          Delete{contained > 0 ? ` ${contained + 1} resources` : ""}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
