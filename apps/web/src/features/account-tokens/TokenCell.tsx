import ContentCopyIcon from "@mui/icons-material/ContentCopy";
import { Box, Button, Typography } from "@mui/material";
import { useSnackbar } from "notistack";
import { copyText } from "../../lib/clipboard.ts";

/** Shows the first and last characters, hiding the middle so a screen share does not leak it whole. */
export function maskToken(token: string): string {
  return token.length <= 10 ? "•".repeat(token.length) : `${token.slice(0, 6)}••••••${token.slice(-4)}`;
}

/**
 * A masked token with a "Copy token" button, visible on every row (not only on hover: touch screens
 * have no hover, and a control that appears only under the pointer is hard to find) and reachable with
 * the keyboard. Members who may not read tokens see why.
 */
export function TokenCell({ name, token }: { name: string; token: string | null }) {
  const { enqueueSnackbar } = useSnackbar();
  if (!token)
    return (
      <Typography variant="body2" color="text.secondary">
        Visible to owners and admins
      </Typography>
    );
  return (
    <Box sx={{ display: "flex", alignItems: "center", gap: 1 }}>
      <Box component="code" aria-label={`Token of ${name}, masked`}>
        {maskToken(token)}
      </Box>
      <Button
        size="small"
        variant="text"
        startIcon={<ContentCopyIcon fontSize="small" />}
        aria-label={`Copy token of ${name}`}
        onClick={async () => {
          const ok = await copyText(token);
          enqueueSnackbar(ok ? `Token of ${name} copied.` : "Copying failed.", { variant: ok ? "success" : "error" });
        }}
      >
        Copy token
      </Button>
    </Box>
  );
}
