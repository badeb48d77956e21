import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env.mjs";
import { buildCsp } from "@/lib/http/csp";

// Next 16's request hook: every page gets a Content-Security-Policy with a fresh nonce. The request
// carries the same header so that Next puts the nonce on the scripts and styles it renders.
export function proxy(request: NextRequest) {
  const config = env();
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = buildCsp({
    nonce,
    dev: config.NODE_ENV === "development",
    jitsiOrigin: new URL(config.JITSI_BASE_URL).origin,
    uploadthing: Boolean(config.UPLOADTHING_TOKEN),
    https: config.APP_URL.startsWith("https://"),
  });
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  return response;
}

export const config = {
  // Pages only: the API answers JSON, static files and images need no policy of their own.
  matcher: [
    {
      source: "/((?!api/|_next/static|_next/image|favicon.ico|icon|apple-touch-icon|manifest.webmanifest|robots.txt).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
