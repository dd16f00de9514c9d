import {
  Alert,
  Box,
  Checkbox,
  FormControl,
  FormControlLabel,
  FormGroup,
  FormHelperText,
  FormLabel,
  Typography,
} from "@mui/material";

export type ManagementScopeOption = { name: string; description: string };

/** A management scope that changes something; the others only read. */
export const isWriteScope = (name: string) => !name.endsWith(":read");

type Props = {
  options: ManagementScopeOption[];
  role: "EDITOR" | "VIEWER";
  chosen: string[];
  onChange: (chosen: string[]) => void;
};

/**
 * "Manage Tessera": the management scopes a key holds, only ever by name and none by default. A
 * write scope says plainly what anyone holding the key could then do; a VIEWER key cannot hold one.
 */
export function ManageTesseraField({ options, role, chosen, onChange }: Props) {
  const writes = options.filter((o) => isWriteScope(o.name) && chosen.includes(o.name));
  const toggle = (name: string, on: boolean) =>
    onChange(on ? [...chosen, name] : chosen.filter((scope) => scope !== name));
  return (
    <FormControl component="fieldset">
      <FormLabel component="legend">Manage Tessera</FormLabel>
      <FormHelperText sx={{ mx: 0 }}>
        What the key may do to Tessera itself when it calls the API. None by default: most keys only need data scopes.
      </FormHelperText>
      <FormGroup>
        {options.map((option) => {
          const blocked = role === "VIEWER" && isWriteScope(option.name);
          return (
            <FormControlLabel
              key={option.name}
              disabled={blocked}
              control={
                <Checkbox
                  size="small"
                  checked={chosen.includes(option.name) && !blocked}
                  onChange={(e) => toggle(option.name, e.target.checked)}
                />
              }
              label={
                <Box>
                  <Typography variant="body2" component="span">
                    <code>{option.name}</code> — {option.description}
                  </Typography>
                  {blocked && (
                    <Typography variant="caption" color="text.secondary" sx={{ display: "block" }}>
                      A Viewer key can only read: make the key an Editor to grant this.
                    </Typography>
                  )}
                </Box>
              }
            />
          );
        })}
      </FormGroup>
      {writes.length > 0 && (
        <Alert severity="warning" sx={{ mt: 1 }}>
          Anyone holding this key can change Tessera itself:
          <Box component="ul" sx={{ my: 0, pl: 2 }}>
            {writes.map((o) => (
              <li key={o.name}>{o.description}</li>
            ))}
          </Box>
        </Alert>
      )}
    </FormControl>
  );
}
