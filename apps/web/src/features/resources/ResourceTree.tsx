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
  selected: string | null;
  onSelect: (id: string | null) => void;
};

/**
 * The tree of groups and resources. Only the roots come with the page; a group's contents are asked
 * for when it is first opened, a hundred at a time, so a group of thousands of vehicles costs
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
        <ResourceItem key={node.id} node={node} expanded={expanded} />
      ))}
    </SimpleTreeView>
  );
}

function ResourceItem({ node, expanded }: { node: ResourceNode; expanded: string[] }) {
  const open = expanded.includes(node.id);
  return (
    <TreeItem itemId={node.id} label={<ResourceLabel node={node} />}>
      {node.childCount > 0 &&
        (open ? (
          <ChildPage parentId={node.id} after={null} expanded={expanded} />
        ) : (
          // A stand-in child, so the group shows that it can open.
          <TreeItem itemId={`${node.id}:closed`} label="…" />
        ))}
    </TreeItem>
  );
}

function ChildPage({ parentId, after, expanded }: { parentId: string; after: string | null; expanded: string[] }) {
  const [result] = useQuery({ query: ResourceChildrenQuery, variables: { id: parentId, after } });
  const [more, setMore] = useState(false);
  const node = result.data?.node;
  const children = node && "children" in node ? node.children : null;
  if (!children) {
    return (
      <TreeItem
        itemId={`${parentId}:${after ?? "first"}:loading`}
        label={result.error ? "Could not load this group." : "Loading…"}
        disabled
      />
    );
  }
  const nodes = children.nodes.map((n) => readFragment(ResourceNodeFields, n));
  return (
    <>
      {nodes.map((child) => (
        <ResourceItem key={child.id} node={child} expanded={expanded} />
      ))}
      {children.pageInfo.hasNextPage &&
        (more ? (
          <ChildPage parentId={parentId} after={children.pageInfo.endCursor ?? null} expanded={expanded} />
        ) : (
          <TreeItem
            itemId={`${parentId}:${after ?? "first"}:more`}
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
