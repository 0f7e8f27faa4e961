import { Monitor, Smartphone, Tablet } from "lucide-react";
import { SubmitButton } from "@/components/form/submit-button";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { activeSessionsShown, listActiveSessions, type ActiveSession } from "@/lib/auth/active-sessions";
import type { ActorContext } from "@/lib/authz/actor";
import { config } from "@/lib/config";
import { signOutEverywhereAction } from "./actions";
import { RevokeSessionButton } from "./revoke-session-button";

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

function lastSeen(session: ActiveSession, now: Date): string {
  const minutes = Math.round((now.getTime() - session.lastSeenAt.getTime()) / 60_000);
  // last_seen_at is written once a minute at most, so anything fresher reads as "now".
  if (session.current || minutes < 2) return "Active now";
  if (minutes < 60) return `Last seen ${relative.format(-minutes, "minute")}`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `Last seen ${relative.format(-hours, "hour")}`;
  return `Last seen ${relative.format(-Math.round(hours / 24), "day")}`;
}

const icons = { desktop: Monitor, mobile: Smartphone, tablet: Tablet, other: Monitor };

function idleTimeout(): string {
  const minutes = config().SESSION_IDLE_TIMEOUT_MINUTES;
  if (minutes % 1440 === 0) return `${minutes / 1440} day${minutes === 1440 ? "" : "s"}`;
  if (minutes % 60 === 0) return `${minutes / 60} hour${minutes === 60 ? "" : "s"}`;
  return `${minutes} minutes`;
}

/** The caller's live sessions, each with its own "Sign out", and "sign out everywhere" for the rest. */
export async function ActiveSessions({ ctx }: { ctx: ActorContext }) {
  const { sessions, total } = await listActiveSessions(ctx);
  const now = new Date();
  return (
    <Card>
      <CardHeader>
        <CardTitle>Active sessions</CardTitle>
        <CardDescription>
          Browsers where you are signed in. A session you do not recognise? Sign it out, then change your password. Sessions end after{" "}
          {idleTimeout()} without use.
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-6">
        <ul className="divide-y divide-border rounded-md border border-border" aria-label="Active sessions">
          {sessions.map((session) => {
            const Icon = icons[session.device.kind];
            return (
              <li key={session.id} className="flex flex-col gap-3 p-4 sm:flex-row sm:items-center sm:justify-between">
                <div className="flex min-w-0 items-start gap-3">
                  <Icon aria-hidden="true" className="mt-0.5 size-5 shrink-0 text-muted-foreground" />
                  <div className="min-w-0 space-y-1">
                    <p className="flex flex-wrap items-center gap-2 font-medium">
                      <span className="break-words">{session.device.label}</span>
                      {session.current && <Badge tone="success">This device</Badge>}
                    </p>
                    <p className="text-sm text-muted-foreground">{lastSeen(session, now)}</p>
                    <dl className="grid grid-cols-[auto_1fr] gap-x-2 text-sm text-muted-foreground">
                      <dt>IP address</dt>
                      <dd className="break-all font-mono text-xs leading-5">{session.ip ?? "Unknown"}</dd>
                      <dt>Signed in</dt>
                      <dd>
                        <time dateTime={session.signedInAt.toISOString()}>{dateFormat.format(session.signedInAt)} UTC</time>
                      </dd>
                    </dl>
                  </div>
                </div>
                {!session.current && <RevokeSessionButton sessionId={session.id} device={session.device.label} signedInAt={`${dateFormat.format(session.signedInAt)} UTC`} />}
              </li>
            );
          })}
        </ul>
        {total > sessions.length && (
          <p className="text-sm text-muted-foreground">
            Showing the {activeSessionsShown} most recently used of {total} sessions. &ldquo;Sign out everywhere&rdquo; ends them all.
          </p>
        )}
        <div className="space-y-2">
          <p className="text-sm text-muted-foreground">Lost a device? Sign out of every browser where you are signed in, this one included.</p>
          <form action={signOutEverywhereAction}>
            <SubmitButton variant="secondary">Sign out everywhere</SubmitButton>
          </form>
        </div>
      </CardContent>
    </Card>
  );
}
