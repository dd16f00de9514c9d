import type { ResourceNode } from "./documents.ts";

const kindLabels: Record<ResourceNode["kind"], string> = {
  VEHICLE: "Vehicle",
  VEHICLE_GROUP: "Group",
  DATA_SOURCE: "Data source",
  PROJECT: "Project",
};

export function kindLabel(kind: ResourceNode["kind"]): string {
  return kindLabels[kind];
}

export const resourceKinds = Object.keys(kindLabels) as ResourceNode["kind"][];

/** The mutations invalidate every list holding resources, so the tree and details refresh themselves. */
export const resourceChange = { additionalTypenames: ["Resource"] };
