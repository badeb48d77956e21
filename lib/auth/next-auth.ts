import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "@/lib/env.mjs";
import { claimsFor, revokeSessions, verifyCredentials } from "@/lib/accounts/service";
import { ApiError } from "@/lib/http/errors";
import { logger } from "@/lib/log/logger";
import { sessionMaxAgeSeconds, type TokenClaims } from "./tokens";

/** next-auth for the browser: credentials sign-in, JWT sessions carrying our token claims. */
export function authOptions(): NextAuthOptions {
  const config = env();
  return {
    secret: config.NEXTAUTH_SECRET,
    useSecureCookies: config.APP_URL.startsWith("https://"),
    session: { strategy: "jwt", maxAge: sessionMaxAgeSeconds() },
    jwt: { maxAge: sessionMaxAgeSeconds() },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      CredentialsProvider({
        name: "credentials",
        credentials: { identifier: { type: "text" }, password: { type: "password" } },
        async authorize(credentials) {
          const identifier = String(credentials?.identifier ?? "").slice(0, 254);
          const password = String(credentials?.password ?? "").slice(0, 256);
          if (!identifier || !password) return null;
          try {
            const user = await verifyCredentials(identifier, password);
            return { id: user.id, name: user.name, email: user.email, claims: claimsFor(user) };
          } catch (err) {
            // The sign-in form shows this code; RATE_LIMITED must stay distinguishable.
            if (err instanceof ApiError && (err.code === "RATE_LIMITED" || err.code === "ACCOUNT_DEACTIVATED")) throw new Error(err.code);
            if (err instanceof ApiError) return null;
            logger.error({ err }, "sign-in failed");
            throw new Error("INTERNAL");
          }
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        const claims = (user as { claims?: TokenClaims } | undefined)?.claims;
        if (claims) Object.assign(token, claims);
        return token;
      },
      async session({ session, token }) {
        session.user = { name: String(token.name ?? ""), email: null, image: null };
        (session as unknown as { user_id: string }).user_id = String(token.sub ?? "");
        return session;
      },
    },
    events: {
      // Signing out ends every session and token of the user, and closes their sockets.
      async signOut({ token }) {
        const claims = token as unknown as Partial<TokenClaims>;
        if (claims?.sub && typeof claims.tv === "number") await revokeSessions(claims.sub, claims.tv);
      },
    },
    logger: {
      error: (code, metadata) => logger.warn({ code, metadata: metadata instanceof Error ? metadata.message : undefined }, "next-auth"),
      warn: (code) => logger.warn({ code }, "next-auth"),
      debug: () => {},
    },
  };
}
