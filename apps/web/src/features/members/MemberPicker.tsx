import { useMemo } from "react";
import { useQuery } from "urql";
import { type PickerOption, SearchPicker, useSearchText } from "../../lib/SearchPicker.tsx";
import { MemberSearchQuery } from "./documents.ts";

type Role = "OWNER" | "ADMIN" | "EDITOR" | "VIEWER";

/**
 * A member chosen by typing part of their name or email, searched on the server (any member, however
 * many the organization has). The option's id is the member's User id. `roles` keeps to those roles
 * (e.g. who may receive ownership).
 */
export function MemberPicker(props: {
  slug: string;
  label: string;
  value: PickerOption | null;
  onChange: (member: PickerOption | null) => void;
  roles?: readonly Role[];
  width?: number;
  helperText?: string;
  required?: boolean;
}) {
  const text = useSearchText();
  const [result] = useQuery({ query: MemberSearchQuery, variables: { slug: props.slug, search: text.search || null } });
  const { roles } = props;
  const options = useMemo<PickerOption[]>(
    () =>
      (result.data?.organization?.members ?? [])
        .filter((m) => !roles || roles.includes(m.role))
        .map((m) => ({
          id: m.user.id,
          label: m.user.name ?? m.user.email,
          detail: `${m.user.email} · ${m.role.toLowerCase()}`,
        })),
    [result.data, roles],
  );
  return (
    <SearchPicker
      label={props.label}
      noun="member"
      placeholder="Name or email"
      width={props.width}
      value={props.value}
      onChange={props.onChange}
      options={options}
      loading={result.fetching}
      error={result.error?.message}
      text={text}
      helperText={props.helperText}
      required={props.required}
    />
  );
}
