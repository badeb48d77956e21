import { json } from "@/lib/http/handler";

// Any /api path no route matches: the contract's JSON 404 rather than Next's HTML page.
async function notFound(req: Request) {
  const path = new URL(req.url).pathname;
  return json({ success: false, error: `No API route at ${path}`, code: "NOT_FOUND" }, 404);
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
