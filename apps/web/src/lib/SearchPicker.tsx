import { Autocomplete, Box, CircularProgress, TextField, Typography } from "@mui/material";
import { useState } from "react";
import { useDebounced } from "./useDebounced.ts";

export type PickerOption = { id: string; label: string; detail?: string; group?: string };

/**
 * What the person types into a server-searched picker, and the search to run: the trimmed text once
 * typing pauses. Picking an option writes its label into the box; that is not a search, so the list
 * opens again on everything rather than on the one item picked.
 */
export function useSearchText(ms = 250) {
  const [input, setInput] = useState("");
  const [typed, setTyped] = useState("");
  const search = useDebounced(typed.trim(), ms);
  return {
    input,
    search,
    /** True while the typed text has not been searched yet (the list shown is the previous one). */
    pending: typed.trim() !== search,
    onInputChange: (text: string, reason: string) => {
      setInput(text);
      setTyped(reason === "input" ? text : "");
    },
  };
}

type Props = {
  /** The field's label and accessible name, e.g. "Created by member". */
  label: string;
  /** e.g. "member": in "No member matches …". */
  noun: string;
  placeholder?: string;
  width?: number;
  value: PickerOption | null;
  onChange: (value: PickerOption | null) => void;
  /** The server's answer for `text.search` (or for everything while the search is blank). */
  options: PickerOption[];
  loading: boolean;
  error?: string | null;
  text: ReturnType<typeof useSearchText>;
  helperText?: string;
  required?: boolean;
};

/**
 * One item chosen from a list searched on the server as the person types (every item of the
 * organization, not a first hundred): a spinner while the search runs, "No … matches" when nothing does.
 */
export function SearchPicker(props: Props) {
  const { text } = props;
  const [open, setOpen] = useState(false);
  // Only while the list is open: picking an option starts a search for everything again, unseen.
  const busy = open && (props.loading || text.pending);
  const noOptions = props.error
    ? `The search failed: ${props.error}`
    : text.search
      ? `No ${props.noun} matches “${text.search}”.`
      : `No ${props.noun}s yet.`;
  return (
    <Autocomplete
      size="small"
      sx={{ width: props.width ?? 260 }}
      value={props.value}
      open={open}
      onOpen={() => setOpen(true)}
      onClose={() => setOpen(false)}
      options={props.options}
      groupBy={props.options.some((o) => o.group) ? (o) => o.group ?? "" : undefined}
      getOptionLabel={(o) => o.label}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      filterOptions={(o) => o}
      loading={busy}
      loadingText="Searching…"
      noOptionsText={noOptions}
      inputValue={text.input}
      onInputChange={(_e, value, reason) => text.onInputChange(value, reason)}
      onChange={(_e, value) => props.onChange(value)}
      renderOption={({ key, ...rest }, option) => (
        <li key={key} {...rest}>
          <Box>
            <Typography variant="body2">{option.label}</Typography>
            {option.detail && (
              <Typography variant="caption" color="text.secondary">
                {option.detail}
              </Typography>
            )}
          </Box>
        </li>
      )}
      renderInput={(params) => (
        <TextField
          {...params}
          label={props.label}
          placeholder={props.placeholder ?? "Type to search"}
          helperText={props.helperText}
          required={props.required}
          slotProps={{
            ...params.slotProps,
            input: {
              ...params.slotProps.input,
              endAdornment: (
                <>
                  {busy && <CircularProgress color="inherit" size={16} aria-label={`Searching ${props.noun}s`} />}
                  {params.slotProps.input.endAdornment}
                </>
              ),
            },
          }}
        />
      )}
    />
  );
}
