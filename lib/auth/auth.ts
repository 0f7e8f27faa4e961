import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { config } from "@/lib/config";
import { signInSchema } from "@/lib/users/schemas";
import { verifyCredentials } from "./credentials";

class InvalidCredentials extends CredentialsSignin {
  code = "invalid";
}
class UnverifiedEmail extends CredentialsSignin {
  code = "unverified";
}
class TooManyAttempts extends CredentialsSignin {
  code = "rate-limited";
}

declare module "next-auth" {
  interface Session {
    sessionId?: string;
  }
  interface User {
    sessionId?: string;
  }
}

/**
 * Auth.js with JWT cookies. The cookie carries only a `user_sessions` row id, which `currentUser()`
 * checks in the database on every request: revoking the row signs that cookie out everywhere.
 */
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: process.env.AUTH_SECRET,
  trustHost: true,
  useSecureCookies: config().APP_URL.startsWith("https://"),
  session: { strategy: "jwt", maxAge: config().SESSION_MAX_AGE_DAYS * 24 * 3600 },
  pages: { signIn: "/sign-in" },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(raw, request) {
        const parsed = signInSchema.safeParse(raw);
        if (!parsed.success) throw new InvalidCredentials();
        const forwarded = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
        const outcome = await verifyCredentials(parsed.data.email, parsed.data.password, {
          ip: forwarded || request.headers.get("x-real-ip") || null,
          userAgent: request.headers.get("user-agent"),
        });
        if (outcome.status === "invalid") throw new InvalidCredentials();
        if (outcome.status === "unverified") throw new UnverifiedEmail();
        if (outcome.status === "rate-limited") throw new TooManyAttempts();
        return { id: outcome.userId, sessionId: outcome.sessionId };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.sessionId) token.sid = user.sessionId;
      return token;
    },
    session({ session, token }) {
      session.sessionId = typeof token.sid === "string" ? token.sid : undefined;
      return session;
    },
  },
  logger: {
    error(error) {
      // A wrong password is an expected outcome, not a server error.
      if (error instanceof CredentialsSignin || (error as { type?: string }).type === "CredentialsSignin") return;
      console.error("[auth]", error);
    },
  },
}));
