// Node resolve hook: `server-only` throws unless resolved with the react-server condition,
// which Next applies inside its bundles but plain Node (server.ts) does not. The custom server
// is server code by definition, so give it an empty module.
const empty = new URL("./empty.cjs", import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === "server-only") return { url: empty, shortCircuit: true, format: "commonjs" };
  return nextResolve(specifier, context);
}
