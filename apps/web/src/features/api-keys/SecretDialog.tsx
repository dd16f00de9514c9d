import ContentCopyIcon from "@mui/icons-material/ContentCopy";
import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
} from "@mui/material";
import { useSnackbar } from "notistack";
import { useState } from "react";
import { copyText } from "../../lib/clipboard.ts";

/** What the dialog calls the secret; an API key's by default. Webhook signing secrets reuse the dialog. */
export type SecretWording = { title: string; secretLabel: string; warning: string };

const keyWording = (name: string): SecretWording => ({
  title: `Your new API key "${name}"`,
  secretLabel: "API key secret",
  warning: "Copy the secret now and store it safely. It will not be shown again: Tessera keeps only a hash of it.",
});

/**
 * A new secret, shown this once. Closing before copying asks again, because there is no second
 * chance: Tessera keeps only a hash of a key, and never shows a signing secret again.
 */
export function SecretDialog({
  name,
  secret,
  onClose,
  wording = keyWording(name),
}: {
  name: string;
  secret: string;
  onClose: () => void;
  wording?: SecretWording;
}) {
  const { enqueueSnackbar } = useSnackbar();
  const [copied, setCopied] = useState(false);
  const [confirming, setConfirming] = useState(false);

  async function copy() {
    if (await copyText(secret)) {
      setCopied(true);
      enqueueSnackbar("Secret copied to the clipboard.", { variant: "success" });
    } else enqueueSnackbar("Copying failed: select the secret and copy it by hand.", { variant: "error" });
  }
  const requestClose = () => (copied ? onClose() : setConfirming(true));

  return (
    <Dialog open onClose={requestClose} maxWidth="sm" fullWidth aria-labelledby="secret-title">
      <DialogTitle id="secret-title">{wording.title}</DialogTitle>
      <DialogContent>
        <Alert severity="warning" sx={{ mb: 2 }}>
          {wording.warning}
        </Alert>
        <Box
          component="output"
          aria-label={wording.secretLabel}
          data-testid="api-key-secret"
          sx={{
            display: "block",
            fontFamily: "monospace",
            p: 1.5,
            bgcolor: "grey.100",
            borderRadius: 1,
            wordBreak: "break-all",
            userSelect: "all",
          }}
        >
          {secret}
        </Box>
        {confirming && (
          <Alert
            severity="error"
            sx={{ mt: 2 }}
            action={
              <Button color="inherit" onClick={onClose}>
                Close anyway
              </Button>
            }
          >
            <DialogContentText component="span">
              You have not copied the secret. Once closed it cannot be shown again.
            </DialogContentText>
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={requestClose}>{copied ? "Done" : "Close"}</Button>
        <Button variant="contained" startIcon={<ContentCopyIcon />} onClick={copy} autoFocus>
          Copy secret
        </Button>
      </DialogActions>
    </Dialog>
  );
}
