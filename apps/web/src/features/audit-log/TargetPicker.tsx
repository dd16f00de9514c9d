import { Autocomplete, TextField } from "@mui/material";
import { useMemo, useState } from "react";
import { useQuery } from "urql";
import { kindLabel } from "../../lib/labels.ts";
import { useDebounced } from "../../lib/useDebounced.ts";
import { AuditTargetsQuery } from "./documents.ts";

export type Target = { id: string; label: string; kind: string };

/**
 * The audit log's target filter: type part of a key's, an account's or a resource's name and pick it;
 * the search runs on the server (every item of the organization, not a first hundred). The chosen target
 * lives in the URL by id; its name comes with it (`label`) so a reload shows what was picked.
 */
export function TargetPicker(props: { slug: string; value: Target | null; onChange: (target: Target | null) => void }) {
  const [input, setInput] = useState("");
  const search = useDebounced(input.trim(), 250);
  const [result] = useQuery({ query: AuditTargetsQuery, variables: { slug: props.slug, search }, pause: !search });
  const options = useMemo<Target[]>(() => {
    const org = result.data?.organization;
    if (!org) return [];
    return [
      ...org.apiKeys.nodes.map((k) => ({ id: k.id, label: k.name, kind: "API key" })),
      ...org.customerAccounts.nodes.map((a) => ({ id: a.id, label: a.name, kind: "Customer account" })),
      ...org.resources.nodes.map((r) => ({ id: r.id, label: r.name, kind: kindLabel(r.kind) })),
    ];
  }, [result.data]);
  return (
    <Autocomplete
      size="small"
      sx={{ width: 320 }}
      value={props.value}
      options={options}
      groupBy={(o) => o.kind}
      getOptionLabel={(o) => o.label}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      filterOptions={(o) => o}
      loading={result.fetching}
      inputValue={input}
      onInputChange={(_e, text) => setInput(text)}
      onChange={(_e, target) => props.onChange(target)}
      noOptionsText={search ? "Nothing matches." : "Type part of a name."}
      renderInput={(params) => <TextField {...params} label="Target" placeholder="Key, account or resource" />}
    />
  );
}
