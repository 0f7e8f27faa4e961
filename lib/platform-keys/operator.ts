import "server-only";
import type { ActorContext, SystemActor } from "@/lib/authz/actor";
import { PublicError } from "@/lib/errors";

/** Who makes and revokes platform keys: an operator on the console's machine, through an npm script. */
export function operatorContext(): ActorContext & { actor: SystemActor } {
  return { actor: { kind: "system", channel: "job", job: "operator-command", label: "an operator command" }, request: { ip: null, userAgent: null } };
}

/** Platform keys are the operator's alone: no member, key or platform caller may manage them. */
export function assertOperator(ctx: ActorContext): void {
  if (ctx.actor.kind !== "system") throw new PublicError("Platform keys are managed by an operator command only.");
}
