// Writes /api/openapi.json as the server builds it (from the operations) to a file:
// `npm run lint:openapi` lints it, `npm run gen:client` generates the typed client from it.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildOpenApi } from "@/lib/openapi/document";

const out = process.argv[2] ?? ".data/openapi.json";
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(buildOpenApi(), null, 2)}\n`);
