import path from "node:path";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";

// prisma/orm#27403: the JS schema engine reads catalog columns of type "char" (OID 18) and
// name (OID 19), which @prisma/adapter-pg 6.x cannot map. Report them as text (OID 25) before
// pg parses them. This runs in the CLI process only, never in the app.
const CATALOG_TYPES = new Set([18, 19]);
type FieldList = Array<{ dataTypeID: number }>;
const proto = pg.Result.prototype as unknown as { addFields(fields: FieldList): void };
const addFields = proto.addFields;
proto.addFields = function patchedAddFields(this: unknown, fields: FieldList) {
  for (const field of fields) if (CATALOG_TYPES.has(field.dataTypeID)) field.dataTypeID = 25;
  return addFields.call(this, fields);
};

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString) throw new Error("DATABASE_URL is not set");
    return new PrismaPg({ connectionString });
  },
});
