import "server-only";
import type { ActorContext, SystemActor } from "@/lib/authz/actor";
import { jobContext } from "@/lib/authz/job-context";
import { PublicError } from "@/lib/errors";

/** Who makes and revokes platform keys: an operator on the console's machine, through an npm script. */
export const operatorCommand = { job: "operator-command", label: "an operator command" } as const;

export function operatorContext(): ActorContext & { actor: SystemActor } {
  return jobContext(operatorCommand.job, operatorCommand.label);
}

/** Platform keys are the operator's alone: no member, key or platform caller may manage them. */
export function assertOperator(ctx: ActorContext): void {
  if (ctx.actor.kind !== "system") throw new PublicError("operator_only", "Platform keys are managed by an operator command only.");
}
