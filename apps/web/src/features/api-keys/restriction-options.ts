import { kindLabel } from "../../lib/labels.ts";
import type { PickerOption } from "../../lib/SearchPicker.tsx";

type Found = {
  resources?: { nodes: { id: string; name: string; kind: string; parent?: { name: string } | null }[] } | null;
  customerAccounts?: { nodes: { id: string; name: string; status: string }[] } | null;
};

/** The answer of `RestrictionSearchQuery` as picker options: resources with kind and group, accounts with status. */
export function restrictionOptions(found: Found | null | undefined, kind: "resources" | "accounts"): PickerOption[] {
  return kind === "resources"
    ? (found?.resources?.nodes ?? []).map((r) => ({
        id: r.id,
        label: r.name,
        detail: `${kindLabel(r.kind)}${r.parent ? ` in ${r.parent.name}` : ""}`,
      }))
    : (found?.customerAccounts?.nodes ?? []).map((a) => ({ id: a.id, label: a.name, detail: a.status.toLowerCase() }));
}
