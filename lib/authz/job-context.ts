import type { Account } from "@/db/schema";
import type { RequestInfo } from "@/lib/request-info";
import type { AccountContext, ActorContext, SystemActor } from "./actor";

/** A job has no request: no address, no browser. */
export const jobRequest: RequestInfo = Object.freeze({ ip: null, userAgent: null });

/**
 * The jobs and operator commands that write audit events, by stable name and by how the audit log
 * names them ("by the monthly billing run").
 */
export const jobs = {
  monthlyBillingRun: { job: "monthly-billing-run", label: "the monthly billing run" },
  billingRunCommand: { job: "billing-run-command", label: "the operator's billing run (npm run billing:run)" },
  paymentCollection: { job: "invoice-payment-collection", label: "the automatic payment collection" },
} as const satisfies Record<string, { job: string; label: string }>;

/** The job resolver: the console itself acting, with no account yet. `can` lets a job do anything that applies to the account's kind. */
export function jobContext(job: string, label: string): ActorContext & { actor: SystemActor } {
  return { actor: { kind: "system", channel: "job", job, label }, request: jobRequest };
}

/** A job's context in one account (no role: the system acts by trust, not by membership). */
export function jobAccountContext(job: string, label: string, account: Account): AccountContext & { actor: SystemActor } {
  return { ...jobContext(job, label), account, accountKind: account.kind, role: null };
}
