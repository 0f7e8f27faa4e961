/** Who acted, as the audit log shows it: a person (in a browser or through one of their API keys), the platform, a job. */
export type ActorDescription =
  | { kind: "member"; email: string; deleted: boolean; apiKey: string | null }
  | { kind: "platform"; keyName: string | null }
  | { kind: "job"; label: string }
  | { kind: "system" };

export interface ActorColumns {
  actorId: string | null;
  actorEmail: string | null;
  actorChannel: string | null;
  actorLabel: string | null;
}

/** The channels the log can be filtered by, with their names on screen. */
export const channelLabels = {
  session: "Console (signed in)",
  api_key: "API key",
  platform_key: "Platform",
  job: "Background job",
} as const;
export type AuditChannel = keyof typeof channelLabels;
export const auditChannels = Object.keys(channelLabels) as AuditChannel[];

/**
 * Reads the actor columns of an event. Events written before channels were recorded have none:
 * with an email they were a person in the console, without one the console itself.
 */
export function describeActor(event: ActorColumns): ActorDescription {
  switch (event.actorChannel) {
    case "api_key":
      return { kind: "member", email: event.actorEmail ?? "(unknown)", deleted: !event.actorId, apiKey: event.actorLabel ?? "(unnamed)" };
    case "platform_key":
      return { kind: "platform", keyName: event.actorLabel };
    case "job":
      return event.actorLabel ? { kind: "job", label: event.actorLabel } : { kind: "system" };
    default:
      return event.actorEmail ? { kind: "member", email: event.actorEmail, deleted: !event.actorId, apiKey: null } : { kind: "system" };
  }
}

/**
 * The actor as a phrase: "by ana@example.com", "by ana@example.com via API key `ci-deploy`",
 * "by the platform (billing-agent)", "by the monthly billing run".
 */
export function actorPhrase(event: ActorColumns): string {
  const actor = describeActor(event);
  switch (actor.kind) {
    case "member":
      return actor.apiKey === null ? `by ${actor.email}` : `by ${actor.email} via API key \`${actor.apiKey}\``;
    case "platform":
      return actor.keyName ? `by the platform (${actor.keyName})` : "by the platform";
    case "job":
      return `by ${actor.label}`;
    case "system":
      return "by the console";
  }
}

/** "the monthly billing run" → "The monthly billing run", for the start of a table cell. */
export function capitalized(text: string): string {
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}
