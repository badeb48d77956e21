import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { env } from "@/lib/env.mjs";
import { claimsFor, revokeSessions, verifyCredentials } from "@/lib/accounts/service";
import { accountForOidc } from "@/lib/accounts/oidc";
import { ApiError } from "@/lib/http/errors";
import { logger } from "@/lib/log/logger";
import { sessionMaxAgeSeconds, type TokenClaims } from "./tokens";

/** The school sign-in provider's id: the identity provider redirects to /api/auth/callback/oidc. */
export const OIDC_PROVIDER_ID = "oidc";

type IdTokenClaims = Record<string, unknown> & { iss?: string; sub?: string; email?: string; name?: string };

/** School sign-in (OpenID Connect, code flow with PKCE), when OIDC_* configure it. */
function schoolProvider(): OAuthConfig<IdTokenClaims> | null {
  const config = env();
  if (!config.OIDC_ISSUER || !config.OIDC_CLIENT_ID || !config.OIDC_CLIENT_SECRET) return null;
  return {
    id: OIDC_PROVIDER_ID,
    name: config.OIDC_NAME,
    type: "oauth",
    wellKnown: `${config.OIDC_ISSUER}/.well-known/openid-configuration`,
    clientId: config.OIDC_CLIENT_ID,
    clientSecret: config.OIDC_CLIENT_SECRET,
    // The profile is the verified ID token's claims (signature, issuer, audience, expiry checked).
    idToken: true,
    checks: ["pkce", "state"],
    authorization: { params: { scope: "openid email profile" } },
    profile: (claims) => ({ id: String(claims.sub ?? ""), name: claims.name ?? null, email: claims.email ?? null, image: null }),
  };
}

/** next-auth for the browser: credentials and school sign-in, JWT sessions carrying our token claims. */
export function authOptions(): NextAuthOptions {
  const config = env();
  const school = schoolProvider();
  return {
    secret: config.NEXTAUTH_SECRET,
    useSecureCookies: config.APP_URL.startsWith("https://"),
    session: { strategy: "jwt", maxAge: sessionMaxAgeSeconds() },
    jwt: { maxAge: sessionMaxAgeSeconds() },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [...(school ? [school] : []), ...(config.PASSWORD_SIGNIN ? [passwordProvider()] : [])],
    callbacks: {
      // School sign-in: find, link or create the account; refusals go back to /signin with their code.
      async signIn({ user, account, profile }) {
        if (account?.provider !== OIDC_PROVIDER_ID) return true;
        const claims = (profile ?? {}) as IdTokenClaims;
        try {
          const found = await accountForOidc({
            issuer: String(claims.iss ?? ""),
            subject: String(claims.sub ?? ""),
            email: String(claims.email ?? ""),
            emailVerified: claims.email_verified === true,
            name: typeof claims.name === "string" ? claims.name : undefined,
            roleClaim: config.OIDC_ROLE_CLAIM ? claims[config.OIDC_ROLE_CLAIM] : undefined,
          });
          // The same object reaches the jwt callback: the session carries a password sign-in's claims.
          Object.assign(user, { id: found.id, name: found.name, email: found.email, claims: claimsFor(found) });
          return true;
        } catch (err) {
          const code = err instanceof ApiError ? err.code : "INTERNAL";
          if (code === "INTERNAL") logger.error({ err }, "school sign-in failed");
          return `${config.APP_URL}/signin?error=${code}`;
        }
      },
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

function passwordProvider() {
  return CredentialsProvider({
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
  });
}
