import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/next-auth";
import { json } from "@/lib/http/handler";
import { runForRequest } from "@/lib/http/request-context";

type Ctx = { params: Promise<{ nextauth: string[] }> };

// The actions next-auth v4 serves; any other path under /api/auth is the contract's JSON 404.
const ACTIONS = new Set(["providers", "session", "csrf", "signin", "signout", "callback", "verify-request", "error", "_log"]);

const notFound = (req: Request) => json({ success: false, error: `No API route at ${new URL(req.url).pathname}`, code: "NOT_FOUND" }, 404);

// next-auth v4 reads params synchronously; Next 16 hands them over as a promise.
// Run as one request so sign-in attempts count against the caller's address too.
async function handler(req: Request, ctx: Ctx) {
  const params = await ctx.params;
  if (!ACTIONS.has(params.nextauth?.[0] ?? "")) return notFound(req);
  const res: Response = await runForRequest(req, () => NextAuth(req as never, { params } as never, authOptions()));
  // A known action with a method next-auth does not serve: its plain-text 400, in the envelope.
  if (res.status === 400 && !(res.headers.get("content-type") ?? "").includes("json")) {
    return json({ success: false, error: `Method not allowed (${req.method})`, code: "METHOD_NOT_ALLOWED" }, 405, { Allow: "GET, POST" });
  }
  return res;
}

async function notAllowed(req: Request, ctx: Ctx) {
  if (!ACTIONS.has((await ctx.params).nextauth?.[0] ?? "")) return notFound(req);
  return json({ success: false, error: "Method not allowed (allowed: GET, POST)", code: "METHOD_NOT_ALLOWED" }, 405, {
    Allow: "GET, POST",
  });
}

export { handler as GET, handler as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
