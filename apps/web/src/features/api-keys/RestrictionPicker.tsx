import { Autocomplete, Box, Checkbox, FormControlLabel, TextField, Typography } from "@mui/material";

export type Option = { id: string; label: string; detail?: string };

type Props = {
  /** e.g. "scopes": used in labels ("All scopes", "Chosen scopes"). */
  noun: string;
  options: Option[];
  all: boolean;
  onAllChange: (all: boolean) => void;
  chosen: string[];
  onChosenChange: (ids: string[]) => void;
};

/** "All" or a chosen, searchable set: the shape of every restriction on a key. */
export function RestrictionPicker({ noun, options, all, onAllChange, chosen, onChosenChange }: Props) {
  const selected = options.filter((o) => chosen.includes(o.id));
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
