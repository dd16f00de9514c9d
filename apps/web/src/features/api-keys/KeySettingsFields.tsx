import { MenuItem, Stack, TextField } from "@mui/material";
import { useState } from "react";
import { useQuery } from "urql";
import { useDebounced } from "../../lib/useDebounced.ts";
import { useOrganization } from "../session/SessionProvider.tsx";
import { CreditsField, IpAllowlistField, RateLimitsField } from "../traffic/TrafficFields.tsx";
import { type CreditsForm, creditsInput, noCredits, type RateLimitRow, rateLimitsInput } from "../traffic/traffic.ts";
import { KeyCatalogQuery, RestrictionSearchQuery } from "./documents.ts";
import { ManageTesseraField } from "./ManageTesseraField.tsx";
import { OriginsField } from "./OriginsField.tsx";
import { type Option, RestrictionPicker } from "./RestrictionPicker.tsx";
import { restrictionOptions } from "./restriction-options.ts";

/** The settings a key can be created with and later edited (role and expiry are create-only). */
export type KeySettings = {
  name: string;
  description: string;
  apiVersion: string;
  /** All data scopes (never a management scope), or the chosen ones. */
  allScopes: boolean;
  scopes: string[];
  /** Management scopes, only by name; none by default. */
  managementScopes: string[];
  allResources: boolean;
  resourceIds: string[];
  allCustomerAccounts: boolean;
  customerAccountIds: string[];
  origins: string[];
  userAgent: string;
  /** Labels of resources and accounts chosen before editing began (an edited key's), by id. */
  known?: Option[];
  rateLimits: RateLimitRow[];
  credits: CreditsForm;
  ipAllowlist: string[];
};

/** Resources or accounts matching what the admin typed, from the server (every item, not a first page). */
function useRestrictionSearch(slug: string, kind: "resources" | "accounts") {
  const [text, setText] = useState("");
  const search = useDebounced(text.trim(), 250);
  const [result] = useQuery({
    query: RestrictionSearchQuery,
    variables: { slug, search: search || null, accounts: kind === "accounts", resources: kind === "resources" },
  });
  const options = restrictionOptions(result.data?.organization, kind);
  return { options, onSearch: setText, loading: result.fetching };
}

export const defaultSettings: KeySettings = {
  name: "",
  description: "",
  apiVersion: "",
  allScopes: true,
  scopes: [],
  managementScopes: [],
  allResources: true,
  resourceIds: [],
  allCustomerAccounts: true,
  customerAccountIds: [],
  origins: [],
  userAgent: "",
  rateLimits: [],
  credits: noCredits,
  ipAllowlist: [],
};

/**
 * The GraphQL input for these settings: `null` restrictions mean "all". Credits are sent only when
 * they differ from `initial` (an edit): setting them resets the remaining count, which is audited.
 */
export function settingsInput(s: KeySettings, initial?: KeySettings) {
  const creditsChanged = !initial || JSON.stringify(s.credits) !== JSON.stringify(initial.credits);
  return {
    rateLimits: rateLimitsInput(s.rateLimits),
    ipAllowlist: s.ipAllowlist,
    ...(creditsChanged ? { credits: creditsInput(s.credits) } : {}),
    name: s.name.trim() || null,
    description: s.description.trim() || null,
    apiVersion: s.apiVersion || null,
    scopes: s.allScopes ? null : s.scopes,
    managementScopes: s.managementScopes,
    resourceIds: s.allResources ? null : s.resourceIds,
    customerAccountIds: s.allCustomerAccounts ? null : s.customerAccountIds,
    origins: s.origins,
    userAgent: s.userAgent.trim() || null,
  };
}

type Props = {
  value: KeySettings;
  onChange: (v: KeySettings) => void;
  /** The key's role: a VIEWER key may hold read management scopes only. */
  role: "EDITOR" | "VIEWER";
};

export function KeySettingsFields({ value, onChange, role }: Props) {
  const organization = useOrganization();
  const [catalog] = useQuery({ query: KeyCatalogQuery, variables: { slug: organization.slug } });
  const org = catalog.data?.organization;
  const resources = useRestrictionSearch(organization.slug, "resources");
  const accounts = useRestrictionSearch(organization.slug, "accounts");
  const set = (changes: Partial<KeySettings>) => onChange({ ...value, ...changes });
  const scopesOf = (kind: "DATA" | "MANAGEMENT") => (org?.scopes ?? []).filter((s) => s.kind === kind);
  const defaultVersion = org?.apiVersions.find((v) => v.isDefault);
  // Retired scopes are never offered; one the key already holds stays (marked) so an edit keeps it.
  const dataScopeOptions = scopesOf("DATA")
    .filter((s) => !s.retiredAt || value.scopes.includes(s.name))
    .map((s) => ({
      id: s.name,
      label: s.retiredAt ? `${s.name} (retired)` : s.name,
      detail: s.retiredAt ? "Retired: no longer verifies." : s.description,
    }));

  return (
    <Stack spacing={2}>
      <TextField
        label="Name"
        value={value.name}
        onChange={(e) => set({ name: e.target.value })}
        helperText="Optional: a name is generated when left empty."
        slotProps={{ htmlInput: { maxLength: 100 } }}
      />
      <TextField
        label="Description"
        value={value.description}
        onChange={(e) => set({ description: e.target.value })}
        multiline
        minRows={2}
        slotProps={{ htmlInput: { maxLength: 1000 } }}
      />
      <TextField
        select
        label="API version"
        value={value.apiVersion}
        onChange={(e) => set({ apiVersion: e.target.value })}
      >
        <MenuItem value="">Organization default{defaultVersion ? ` (${defaultVersion.name})` : ""}</MenuItem>
        {(org?.apiVersions ?? []).map((v) => (
          // A deprecated version cannot be chosen; a key already on one may stay on it.
          <MenuItem key={v.name} value={v.name} disabled={v.deprecated && v.name !== value.apiVersion}>
            {v.name}
            {v.deprecated ? " (deprecated)" : ""}
          </MenuItem>
        ))}
      </TextField>
      <RestrictionPicker
        noun="data scopes"
        options={dataScopeOptions}
        all={value.allScopes}
        onAllChange={(allScopes) => set({ allScopes })}
        chosen={value.scopes}
        onChosenChange={(scopes) => set({ scopes })}
      />
      <ManageTesseraField
        options={scopesOf("MANAGEMENT")}
        role={role}
        chosen={value.managementScopes}
        onChange={(managementScopes) => set({ managementScopes })}
      />
      <RestrictionPicker
        noun="resources and groups"
        {...resources}
        known={value.known}
        all={value.allResources}
        onAllChange={(allResources) => set({ allResources })}
        chosen={value.resourceIds}
        onChosenChange={(resourceIds) => set({ resourceIds })}
      />
      <RestrictionPicker
        noun="customer accounts"
        {...accounts}
        known={value.known}
        all={value.allCustomerAccounts}
        onAllChange={(allCustomerAccounts) => set({ allCustomerAccounts })}
        chosen={value.customerAccountIds}
        onChosenChange={(customerAccountIds) => set({ customerAccountIds })}
      />
      <OriginsField value={value.origins} onChange={(origins) => set({ origins })} />
      <TextField
        label="Allowed user agent"
        value={value.userAgent}
        onChange={(e) => set({ userAgent: e.target.value })}
        helperText="A case-sensitive text the User-Agent must contain (no wildcards). Empty: any user agent."
      />
      <IpAllowlistField value={value.ipAllowlist} onChange={(ipAllowlist) => set({ ipAllowlist })} />
      <RateLimitsField owner="key" value={value.rateLimits} onChange={(rateLimits) => set({ rateLimits })} />
      <CreditsField value={value.credits} onChange={(credits) => set({ credits })} />
    </Stack>
  );
}
