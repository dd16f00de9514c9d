import { useMemo } from "react";
import { useQuery } from "urql";
import { type PickerOption, SearchPicker, useSearchText } from "../../lib/SearchPicker.tsx";
import { KeySearchQuery, RestrictionSearchQuery } from "./documents.ts";
import { restrictionOptions } from "./restriction-options.ts";

type PickerProps = {
  slug: string;
  value: PickerOption | null;
  onChange: (value: PickerOption | null) => void;
};

/** "Created by key": an API key of the organization, searched on the server by name, description or hint. */
export function KeyPicker(props: PickerProps) {
  const text = useSearchText();
  const [result] = useQuery({ query: KeySearchQuery, variables: { slug: props.slug, search: text.search || null } });
  const options = useMemo<PickerOption[]>(
    () => (result.data?.organization?.apiKeys.nodes ?? []).map((k) => ({ id: k.id, label: k.name, detail: k.hint })),
    [result.data],
  );
  return (
    <SearchPicker
      label="Created by key"
      noun="key"
      placeholder="Name or hint"
      value={props.value}
      onChange={props.onChange}
      options={options}
      loading={result.fetching}
      error={result.error?.message}
      text={text}
    />
  );
}

/** "Restricted to account" or "Restricted to resource": one item searched on the server by name. */
export function RestrictionFilterPicker(props: PickerProps & { kind: "accounts" | "resources" }) {
  const text = useSearchText();
  const [result] = useQuery({
    query: RestrictionSearchQuery,
    variables: {
      slug: props.slug,
      search: text.search || null,
      accounts: props.kind === "accounts",
      resources: props.kind === "resources",
    },
  });
  const options = useMemo(() => restrictionOptions(result.data?.organization, props.kind), [result.data, props.kind]);
  const accounts = props.kind === "accounts";
  return (
    <SearchPicker
      label={accounts ? "Restricted to account" : "Restricted to resource"}
      noun={accounts ? "account" : "resource"}
      placeholder="Name"
      value={props.value}
      onChange={props.onChange}
      options={options}
      loading={result.fetching}
      error={result.error?.message}
      text={text}
    />
  );
}
