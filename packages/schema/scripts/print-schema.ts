/** Writes the committed SDL (schema.graphql at the repository root) from the code. */
import { writeFileSync } from "node:fs";
import { printedSchema, schemaFilePath } from "../src/printed-schema.ts";

writeFileSync(schemaFilePath, printedSchema());
console.log(`wrote ${schemaFilePath}`);
