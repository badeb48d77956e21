// Every domain's operations, in the order the API reference shows them. A new domain adds its
// `<domain>Operations` array here; nothing else is written by hand.
import { accountsAliasOperations, accountsOperations } from "@/lib/accounts/contract";
import { adminOperations } from "@/lib/admin/contract";
import { apiTokenOperations } from "@/lib/api-tokens/contract";
import { chatAliasOperations, chatOperations } from "@/lib/chat/contract";
import { breakoutsOperations } from "@/lib/meetings/breakouts-contract";
import { meetingsOperations } from "@/lib/meetings/contract";
import { classRoomOperations } from "@/lib/rooms/class-contract";
import { roomsOperations } from "@/lib/rooms/contract";
import { systemOperations } from "@/lib/system/contract";
import { uploadsOperations } from "@/lib/uploads/contract";
import { webhookOperations } from "@/lib/webhooks/contract";
import type { Operation } from "./operation";

export const operations: Operation[] = [
  ...accountsOperations,
  ...apiTokenOperations,
  ...roomsOperations,
  ...classRoomOperations,
  ...chatOperations,
  ...meetingsOperations,
  ...breakoutsOperations,
  ...uploadsOperations,
  ...webhookOperations,
  ...systemOperations,
  ...adminOperations,
  // The seeds' paths, deprecated aliases of the operations above.
  ...accountsAliasOperations,
  ...chatAliasOperations,
];
