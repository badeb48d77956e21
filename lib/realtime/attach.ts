import "server-only";
import type { Namespace } from "socket.io";
import { attachChat } from "./chat";
import { attachPhotos } from "./photos";
import { attachReactions } from "./reactions";
import type { NamespaceName } from "./registry";
import { attachRooms } from "./rooms";
import { attachYoutube } from "./youtube";

type Attach = (nsp: Namespace, name: NamespaceName) => void;

/** Each domain's socket handlers, by namespace. */
export function attachNamespaces(): Partial<Record<NamespaceName, Attach>> {
  return {
    "/rooms": attachRooms,
    "/photos": attachPhotos,
    "/youtube": attachYoutube,
    "/reactions": attachReactions,
    "/chat": attachChat,
  };
}
