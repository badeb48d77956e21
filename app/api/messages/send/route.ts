import { sendDirectAliasOp, sendDirectMediaAliasOp } from "@/lib/chat/contract";
import { directSendRoute } from "@/lib/chat/direct-send";
import { routes } from "@/lib/http/handler";

// The direct-messages seed's path (deprecated alias of POST /api/messages).
export const { GET, POST, PUT, PATCH, DELETE } = routes({ POST: directSendRoute(sendDirectAliasOp, sendDirectMediaAliasOp) });
