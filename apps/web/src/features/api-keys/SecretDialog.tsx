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

/**
 * The new key's secret, shown this once. Closing before copying asks again, because there is no
 * second chance: Tessera keeps only a hash.
 */
export function SecretDialog({ name, secret, onClose }: { name: string; secret: string; onClose: () => void }) {
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
      <DialogTitle id="secret-title">Your new API key "{name}"</DialogTitle>
      <DialogContent>
        <Alert severity="warning" sx={{ mb: 2 }}>
          Copy the secret now and store it safely. It will not be shown again: Tessera keeps only a hash of it.
        </Alert>
        <Box
          component="output"
          aria-label="API key secret"
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
