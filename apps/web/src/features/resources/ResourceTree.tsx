import FolderIcon from "@mui/icons-material/Folder";
import InsertDriveFileOutlinedIcon from "@mui/icons-material/InsertDriveFileOutlined";
import { Box, Button, Typography } from "@mui/material";
import { SimpleTreeView } from "@mui/x-tree-view/SimpleTreeView";
import { TreeItem } from "@mui/x-tree-view/TreeItem";
import { useState } from "react";
import { useQuery } from "urql";
import { readFragment } from "../../lib/graphql.ts";
import { ResourceChildrenQuery, type ResourceNode, ResourceNodeFields } from "./documents.ts";
import { kindLabel } from "./labels.ts";

type Props = {
  roots: ResourceNode[];
  /** The selected item: its path from the root (see `itemPath`). */
  selected: string | null;
  onSelect: (path: string | null) => void;
};

/**
 * Items are named by their path of ids from the root, not by the resource id alone: right after a
 * move, the moved resource can briefly appear under both its old and its new parent (each group's
 * page refreshes on its own), and the tree refuses two items with one id.
 */
const itemPath = (parentPath: string | null, id: string) => (parentPath ? `${parentPath}|${id}` : id);

/** The resource an item path names, or null for the stand-ins (loading, more). */
export function resourceOfItem(path: string): string | null {
  return path.includes(":") ? null : (path.split("|").pop() ?? null);
}

/**
 * The tree of groups and resources. Only the roots come with the page; a group's contents are asked
 * for when it is first opened, fifty at a time, so a group of thousands of vehicles costs
 * nothing until someone looks inside it.
 */
export function ResourceTree({ roots, selected, onSelect }: Props) {
  const [expanded, setExpanded] = useState<string[]>([]);
  return (
    <SimpleTreeView
      aria-label="Resources"
      expandedItems={expanded}
      onExpandedItemsChange={(_event, ids) => setExpanded(ids)}
      selectedItems={selected}
      onSelectedItemsChange={(_event, id) => onSelect(id)}
    >
      {roots.map((node) => (
        <ResourceItem key={node.id} node={node} parentPath={null} expanded={expanded} />
      ))}
    </SimpleTreeView>
  );
}

function ResourceItem({
  node,
  parentPath,
  expanded,
}: {
  node: ResourceNode;
  parentPath: string | null;
  expanded: string[];
}) {
  const path = itemPath(parentPath, node.id);
  return (
    <TreeItem itemId={path} label={<ResourceLabel node={node} />}>
      {node.childCount > 0 &&
        (expanded.includes(path) ? (
          <ChildPage parentId={node.id} path={path} after={null} expanded={expanded} />
        ) : (
          // A stand-in child, so the group shows that it can open.
          <TreeItem itemId={`${path}:closed`} label="…" />
        ))}
    </TreeItem>
  );
}

function ChildPage({
  parentId,
  path,
  after,
  expanded,
}: {
  parentId: string;
  path: string;
  after: string | null;
  expanded: string[];
}) {
  const [result] = useQuery({ query: ResourceChildrenQuery, variables: { id: parentId, after } });
  const [more, setMore] = useState(false);
  const node = result.data?.node;
  const children = node && "children" in node ? node.children : null;
  if (!children) {
    return (
      <TreeItem
        itemId={`${path}:${after ?? "first"}:loading`}
        label={result.error ? `Could not load this group: ${result.error.message}` : "Loading…"}
        disabled
      />
    );
  }
  const nodes = children.nodes.map((n) => readFragment(ResourceNodeFields, n));
  return (
    <>
      {nodes.map((child) => (
        <ResourceItem key={child.id} node={child} parentPath={path} expanded={expanded} />
      ))}
      {children.pageInfo.hasNextPage &&
        (more ? (
          <ChildPage parentId={parentId} path={path} after={children.pageInfo.endCursor ?? null} expanded={expanded} />
        ) : (
          <TreeItem
            itemId={`${path}:${after ?? "first"}:more`}
            label={
              <Button size="small" onClick={() => setMore(true)}>
                Show more
              </Button>
            }
          />
        ))}
    </>
  );
}

export function ResourceLabel({ node }: { node: ResourceNode }) {
  const group = node.kind === "VEHICLE_GROUP";
  return (
    <Box sx={{ display: "flex", alignItems: "center", gap: 1, py: 0.25 }}>
      {group ? (
        <FolderIcon fontSize="small" color="primary" aria-hidden />
      ) : (
        <InsertDriveFileOutlinedIcon fontSize="small" aria-hidden />
      )}
      <Typography variant="body2">{node.name}</Typography>
      <Typography variant="caption" color="text.secondary">
        {kindLabel(node.kind)}
        {group ? ` · ${node.childCount}` : ""}
      </Typography>
    </Box>
  );
}
