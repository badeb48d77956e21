import "server-only";
import type { Namespace } from "socket.io";
import type { NamespaceName } from "./registry";

type Attach = (nsp: Namespace, name: NamespaceName) => void;

/** Each domain's socket handlers, by namespace. Later domains add theirs here. */
export function attachNamespaces(): Partial<Record<NamespaceName, Attach>> {
  return {};
}
