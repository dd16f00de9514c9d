import ContentCopyIcon from "@mui/icons-material/ContentCopy";
import { Box, IconButton, Tooltip, Typography } from "@mui/material";
import { useSnackbar } from "notistack";
import { copyText } from "../../lib/clipboard.ts";

/** Shows the first and last characters, hiding the middle so a screen share does not leak it whole. */
export function maskToken(token: string): string {
  return token.length <= 10 ? "•".repeat(token.length) : `${token.slice(0, 6)}••••••${token.slice(-4)}`;
}

/**
 * A masked token with "Copy token": the button appears on row hover and is always reachable with the
 * keyboard (it becomes visible when focused). Members who may not read tokens see why.
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
      <Tooltip title="Copy token">
        <IconButton
          className="copy-token"
          size="small"
          aria-label={`Copy token of ${name}`}
          onClick={async () => {
            const ok = await copyText(token);
            enqueueSnackbar(ok ? `Token of ${name} copied.` : "Copying failed.", { variant: ok ? "success" : "error" });
          }}
          sx={{ opacity: 0, "&:focus-visible": { opacity: 1 } }}
        >
          <ContentCopyIcon fontSize="small" />
        </IconButton>
      </Tooltip>
    </Box>
  );
}
