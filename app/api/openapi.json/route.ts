import { routes } from "@/lib/http/handler";
import { buildOpenApi } from "@/lib/openapi/document";

let cached: string | undefined;

export const { GET, POST, PUT, PATCH, DELETE } = routes({
  GET: async () => {
    cached ??= JSON.stringify(buildOpenApi());
    return new Response(cached, { headers: { "content-type": "application/json; charset=utf-8", "cache-control": "public, max-age=60" } });
  },
});
