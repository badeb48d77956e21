// `npm run gen:client`: writes the OpenAPI document (built from the operations, as the server
// serves it) and the client's types generated from it by openapi-typescript.
// `npm run gen:client -- --check` fails when the committed files differ from a fresh generation.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString, COMMENT_HEADER } from "openapi-typescript";
import { buildOpenApi } from "@/lib/openapi/document";

export const CLIENT_DIR = path.resolve(import.meta.dirname, "../lib/client/openapi");

/** The two generated files, path -> contents. */
export async function generateClientFiles(): Promise<Record<string, string>> {
  const doc = buildOpenApi();
  const json = `${JSON.stringify(doc, null, 2)}\n`;
  const ast = await openapiTS(JSON.parse(json), { silent: true });
  return {
    [path.join(CLIENT_DIR, "openapi.json")]: json,
    [path.join(CLIENT_DIR, "schema.d.ts")]: `${COMMENT_HEADER}${astToString(ast)}`,
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const files = await generateClientFiles();
  if (process.argv.includes("--check")) {
    const stale = Object.entries(files).filter(([file, text]) => {
      try {
        return readFileSync(file, "utf8") !== text;
      } catch {
        return true;
      }
    });
    for (const [file] of stale) console.error(`${path.relative(process.cwd(), file)} is out of date: run npm run gen:client`);
    process.exit(stale.length ? 1 : 0);
  }
  for (const [file, text] of Object.entries(files)) writeFileSync(file, text);
}
