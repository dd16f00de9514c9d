import ContentCopyIcon from "@mui/icons-material/ContentCopy";
import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle } from "@mui/material";
import { useSnackbar } from "notistack";
import { copyText } from "../../lib/clipboard.ts";

/** The invitation link, shown this once when Tessera sends no email: the admin passes it on. */
export function InvitationLinkDialog({ email, link, onClose }: { email: string; link: string; onClose: () => void }) {
  const { enqueueSnackbar } = useSnackbar();
  async function copy() {
    if (await copyText(link)) enqueueSnackbar("Invitation link copied.", { variant: "success" });
    else enqueueSnackbar("Copying failed: select the link and copy it by hand.", { variant: "error" });
  }
  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="invitation-link-title">
      <DialogTitle id="invitation-link-title">Invitation link for {email}</DialogTitle>
      <DialogContent>
        <Alert severity="warning" sx={{ mb: 2 }}>
          This Tessera sends no email. Copy the link and give it to {email} yourself: it is shown only now, works once
          and expires in 7 days.
        </Alert>
        <Box
          component="code"
          aria-label="Invitation link"
          sx={{ display: "block", p: 1.5, bgcolor: "grey.100", borderRadius: 1, wordBreak: "break-all" }}
        >
          {link}
        </Box>
      </DialogContent>
      <DialogActions>
        <Button startIcon={<ContentCopyIcon />} onClick={copy}>
          Copy link
        </Button>
        <Button variant="contained" onClick={onClose}>
          Done
        </Button>
      </DialogActions>
    </Dialog>
  );
}
