import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/next-auth";
import { CLIENT_IP_HEADER } from "@/lib/http/client-ip";
import { runInRequest } from "@/lib/http/request-context";

type Ctx = { params: Promise<{ nextauth: string[] }> };

// next-auth v4 reads params synchronously; Next 16 hands them over as a promise.
// Run as one request so sign-in attempts count against the caller's address too.
async function handler(req: Request, ctx: Ctx) {
  const params = await ctx.params;
  return runInRequest({ ip: req.headers.get(CLIENT_IP_HEADER) ?? "unknown" }, () => NextAuth(req as never, { params } as never, authOptions()));
}

export { handler as GET, handler as POST };
