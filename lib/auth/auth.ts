import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { config } from "@/lib/config";
import { authUrlIsPinned } from "@/lib/http/auth-url";
import { requestInfo, requestInfoFrom } from "@/lib/request-info";
import { signInSchema } from "@/lib/users/schemas";
import { verifyCredentials, type SignInLimitScope } from "./credentials";
import { knownDeviceFromCookieHeader } from "./known-device";
import { endSession } from "./user-sessions";

class InvalidCredentials extends CredentialsSignin {
  code = "invalid";
}
class UnverifiedEmail extends CredentialsSignin {
  code = "unverified";
}
class TooManyAttempts extends CredentialsSignin {
  constructor(scope: SignInLimitScope) {
    super();
    this.code = `rate-limited:${scope}`;
  }
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
  // Auth.js builds every URL from AUTH_URL, which the console's server pins to APP_URL
  // (lib/http/auth-url.ts): no Host or X-Forwarded-Host header is believed. Unpinned, it refuses.
  trustHost: authUrlIsPinned(),
  useSecureCookies: config().APP_URL.startsWith("https://"),
  session: { strategy: "jwt", maxAge: config().SESSION_MAX_AGE_DAYS * 24 * 3600 },
  pages: { signIn: "/sign-in" },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(raw, request) {
        const parsed = signInSchema.safeParse(raw);
        if (!parsed.success) throw new InvalidCredentials();
        const outcome = await verifyCredentials(parsed.data.email, parsed.data.password, requestInfoFrom(request.headers), {
          knownDevice: knownDeviceFromCookieHeader(request.headers.get("cookie")),
        });
        if (outcome.status === "invalid") throw new InvalidCredentials();
        if (outcome.status === "unverified") throw new UnverifiedEmail();
        if (outcome.status === "rate-limited") throw new TooManyAttempts(outcome.scope);
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
  events: {
    // Auth.js only clears the cookie on sign-out (its own POST /api/auth/signout included); revoking
    // the row the cookie names makes every copy of it dead too.
    async signOut(message) {
      const sid = "token" in message ? message.token?.sid : undefined;
      if (typeof sid === "string") await endSession(sid, await requestInfo());
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
