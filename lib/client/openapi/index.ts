// A typed client of the HTTP API, generated from /api/openapi.json (`npm run gen:client`):
// paths, bodies and answers are the document's, so a drift between server and document breaks
// the typecheck of whatever uses it.
import createClient, { type ClientOptions } from "openapi-fetch";
import type { components, paths } from "./schema";

export type { components, paths };
export type ApiClient = ReturnType<typeof createClient<paths>>;

/** A client for `baseUrl` (e.g. https://mem2gether.example), with a Bearer token when given. */
export function createApiClient(baseUrl: string, options: { token?: string } & Omit<ClientOptions, "baseUrl"> = {}): ApiClient {
  const { token, headers, ...rest } = options;
  return createClient<paths>({
    baseUrl,
    ...rest,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(headers as Record<string, string> | undefined) },
  });
}
