import { Autocomplete, Box, Checkbox, FormControlLabel, TextField, Typography } from "@mui/material";
import { useRef } from "react";

export type Option = { id: string; label: string; detail?: string };

type Props = {
  /** e.g. "scopes": used in labels ("All scopes", "Chosen scopes"). */
  noun: string;
  options: Option[];
  all: boolean;
  onAllChange: (all: boolean) => void;
  chosen: string[];
  onChosenChange: (ids: string[]) => void;
  /**
   * For lists searched on the server: called with the typed text, `options` being that search's
   * answer (the picker then does not filter them again). Chosen items keep their labels across
   * searches; `known` gives the labels of items chosen before the picker opened (an edited key's).
   */
  onSearch?: (text: string) => void;
  loading?: boolean;
  known?: Option[];
};

/** "All" or a chosen, searchable set: the shape of every restriction on a key. */
export function RestrictionPicker(props: Props) {
  const { noun, options, all, onAllChange, chosen, onChosenChange, onSearch } = props;
  const seen = useRef(new Map<string, Option>());
  for (const option of [...(props.known ?? []), ...options]) seen.current.set(option.id, option);
  const selected = chosen.map((id) => seen.current.get(id) ?? { id, label: "…" });
  return (
    <Box>
      <FormControlLabel
        control={<Checkbox checked={all} onChange={(e) => onAllChange(e.target.checked)} />}
        label={`All ${noun}`}
      />
      {!all && (
        <Autocomplete
          multiple
          size="small"
          options={options}
          value={selected}
          onChange={(_e, value) => onChosenChange(value.map((o) => o.id))}
          getOptionLabel={(o) => o.label}
          isOptionEqualToValue={(a, b) => a.id === b.id}
          filterSelectedOptions
          loading={props.loading}
          {...(onSearch
            ? { filterOptions: (o: Option[]) => o, onInputChange: (_e: unknown, text: string) => onSearch(text) }
            : {})}
          renderOption={({ key, ...props }, option) => (
            <li key={key} {...props}>
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
              label={`Chosen ${noun}`}
              placeholder="Type to search"
              helperText={chosen.length === 0 ? `None chosen: the key gets no ${noun}.` : undefined}
            />
          )}
        />
      )}
    </Box>
  );
}
