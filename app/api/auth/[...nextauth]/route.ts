import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/next-auth";
import { runForRequest } from "@/lib/http/request-context";

type Ctx = { params: Promise<{ nextauth: string[] }> };

// next-auth v4 reads params synchronously; Next 16 hands them over as a promise.
// Run as one request so sign-in attempts count against the caller's address too.
async function handler(req: Request, ctx: Ctx) {
  const params = await ctx.params;
  return runForRequest(req, () => NextAuth(req as never, { params } as never, authOptions()));
}

export { handler as GET, handler as POST };
