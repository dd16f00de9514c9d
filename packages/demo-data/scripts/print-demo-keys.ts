// Prints the secrets of the demo API keys (demo data only; they exist only in a seeded database).
import { demoKeySecrets } from "../src/index.ts";

console.log(`Tessera automation (every management scope): ${demoKeySecrets.automation}`);
console.log(`Fleet dashboard (all scopes, VIEWER role):    ${demoKeySecrets.dashboard}`);
