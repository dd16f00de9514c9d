// Prints the secrets of the demo API keys (demo data only; they exist only in a seeded database).
import { demoKeySecrets } from "../src/index.ts";

console.log(`Tessera automation (EDITOR, all data scopes + every management scope): ${demoKeySecrets.automation}`);
console.log(`Fleet dashboard (VIEWER, all data scopes, cannot manage Tessera):      ${demoKeySecrets.dashboard}`);
