import { DateTimeResolver, JSONResolver } from "graphql-scalars";
import { builder } from "./builder.ts";

builder.addScalarType("DateTime", DateTimeResolver, {
  description: "An instant in time, as an ISO 8601 string in UTC (e.g. 2026-11-22T14:00:00.000Z).",
});
builder.addScalarType("JSON", JSONResolver, {
  description: "Arbitrary JSON, used for the details of what an audit event changed.",
});
