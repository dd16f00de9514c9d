import { useMemo } from "react";
import { useQuery } from "urql";
import { type PickerOption, SearchPicker, useSearchText } from "../../lib/SearchPicker.tsx";
import { PrincipalsQuery } from "./documents.ts";

/**
 * A member or an active key, searched on the server by name, email or hint. The option's id is
 * `user:<id>` or `key:<id>`. Without `viewersToo`, VIEWER members are left out (they cannot own).
 */
export function PrincipalPicker(props: {
  slug: string;
  label: string;
  viewersToo: boolean;
  value: PickerOption | null;
  onChange: (value: PickerOption | null) => void;
}) {
  const text = useSearchText();
  const [result] = useQuery({ query: PrincipalsQuery, variables: { slug: props.slug, search: text.search || null } });
  const { viewersToo } = props;
  const options = useMemo<PickerOption[]>(() => {
    const org = result.data?.organization;
    return [
      ...(org?.members ?? [])
        .filter((m) => viewersToo || m.role !== "VIEWER")
        .map((m) => ({
          id: `user:${m.user.id}`,
          label: m.user.name ?? m.user.email,
          detail: `${m.user.email} · ${m.role.toLowerCase()}`,
          group: "Members",
        })),
      ...(org?.apiKeys.nodes ?? []).map((k) => ({
        id: `key:${k.id}`,
        label: `Key ${k.name}`,
        detail: `${k.hint} · ${k.role.toLowerCase()}`,
        group: "API keys",
      })),
    ];
  }, [result.data, viewersToo]);
  return (
    <SearchPicker
      label={props.label}
      noun="member or key"
      placeholder="Name, email or key"
      width={400}
      value={props.value}
      onChange={props.onChange}
      options={options}
      loading={result.fetching}
      error={result.error?.message}
      text={text}
      required
    />
  );
}
