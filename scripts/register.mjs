// Preloaded with `node --import`: the server-only hook above, then TypeScript through tsx.
import Module, { register } from "node:module";
import { fileURLToPath } from "node:url";

register("./server-only-hook.mjs", import.meta.url);

// CommonJS `require("server-only")` (modules tsx loads as CJS) takes the same shortcut.
const empty = fileURLToPath(new URL("./empty.cjs", import.meta.url));
const original = Module._resolveFilename;
Module._resolveFilename = function resolveFilename(request, ...rest) {
  return request === "server-only" ? empty : original.call(this, request, ...rest);
};
