import type { BrowserContext, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { checkScreen, signIn } from "./support/browser.ts";
import { pageGraphql, setUpConsole } from "./support/console.ts";

// The Resources screen end to end: a key restricted to the North depot reaches Truck 101 until an
// owner moves the truck out of the depot in the console; from then on POST /v1/keys/verify refuses it.
const app = setUpConsole();
let owner: { context: BrowserContext; outside: string[] };
let page: Page;

/** GraphQL from the signed-in page, with its session, as the console itself calls it. */
const graphql = (query: string, variables: Record<string, unknown> = {}) => pageGraphql<any>(page, query, variables);

async function verify(key: string, resourceId: string): Promise<string> {
  return (await app.verify({ key, resourceId })).code;
}

beforeAll(async () => {
  owner = await app.newContext();
});

describe("the Resources screen", () => {
  it("moving a vehicle out of a key's group makes verification answer RESOURCE_FORBIDDEN", async () => {
    page = await signIn(owner.context, "owner@acme.test", "/resources");
    const found = await graphql(`{ organization(slug: "acme-fleet") { id
      resources(first: 100) { nodes { id name } } } }`);
    const byName = Object.fromEntries(
      found.organization.resources.nodes.map((n: { id: string; name: string }) => [n.name, n.id]),
    );
    const created = await graphql(
      `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { ... on CreateApiKeyPayload { secret } } }`,
      {
        input: {
          organizationId: found.organization.id,
          name: "North depot only",
          resourceIds: [byName["North depot"]],
        },
      },
    );
    const secret = created.createApiKey.secret as string;
    const truck = byName["Truck 101"] as string;
    expect(await verify(secret, truck)).toBe("VALID");

    const tree = page.getByRole("tree", { name: "Resources" });
    await tree.getByRole("treeitem", { name: /North depot/ }).waitFor();
    await checkScreen(page, "resources-tree");

    // Open the depot (its vehicles load now), select the truck and move it to the top level.
    await tree
      .getByRole("treeitem", { name: /North depot/ })
      .getByText("North depot")
      .click();
    await tree
      .getByRole("treeitem", { name: /Truck 101/ })
      .getByText("Truck 101")
      .click();
    await page.getByRole("heading", { name: "Truck 101" }).waitFor();
    await checkScreen(page, "resources-details");
    await page.getByRole("button", { name: "Move" }).click();
    const dialog = page.getByRole("dialog", { name: 'Move "Truck 101"' });
    await dialog.getByLabel("New group").click();
    await page.getByRole("option", { name: /Top level/ }).click();
    await checkScreen(page, "resources-move");
    await dialog.getByRole("button", { name: "Move" }).click();
    await page.getByText('"Truck 101" moved to the top level.').waitFor();
    expect(await verify(secret, truck)).toBe("RESOURCE_FORBIDDEN");

    // Grant access: the picker searches members and keys on the server as you type.
    await page.getByRole("button", { name: "Grant access" }).click();
    const grant = page.getByRole("dialog", { name: 'Grant access to "Truck 101"' });
    await grant.getByRole("combobox", { name: "Member or key" }).fill("admin@");
    await page.getByRole("option", { name: /admin@acme.test/ }).click();
    await checkScreen(page, "resources-grant");
    await grant.getByRole("button", { name: "Grant" }).click();
    await page.getByText('READ granted on "Truck 101".').waitFor();

    // The delete dialog names what goes with a group and which keys lose a restriction.
    await tree
      .getByRole("treeitem", { name: /North depot/ })
      .getByText("North depot")
      .click();
    await page.getByRole("heading", { name: "North depot" }).waitFor();
    await page.getByRole("button", { name: "Delete" }).click();
    const remove = page.getByRole("dialog", { name: 'Delete "North depot"?' });
    await remove.getByText("North depot only").waitFor();
    await remove.getByText(/This group contains 1 resource/).waitFor();
    await checkScreen(page, "resources-delete");
    await remove.getByRole("button", { name: "Cancel" }).click();

    // Search finds resources across the tree.
    await page.getByLabel("Search resources").fill("reefer");
    await page.getByRole("list", { name: "Matching resources" }).getByText("Reefer 301").waitFor();
    await checkScreen(page, "resources-search");
    expect(owner.outside).toEqual([]);
  }, 120_000);
});
