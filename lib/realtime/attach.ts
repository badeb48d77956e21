import "server-only";
import { attachChat } from "./chat";
import { attachPhotos } from "./photos";
import { attachReactions } from "./reactions";
import type { Attachments } from "./server";
import { attachRooms } from "./rooms";
import { attachYoutube } from "./youtube";

/** Each domain's socket handlers, by namespace. */
export function attachNamespaces(): Attachments {
  return {
    "/rooms": attachRooms,
    "/photos": attachPhotos,
    "/youtube": attachYoutube,
    "/reactions": attachReactions,
    "/chat": attachChat,
  };
}
