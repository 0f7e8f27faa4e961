import "server-only";
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as en from "@zxcvbn-ts/language-en";
import { PublicError } from "@/lib/errors";

/**
 * Refuses common, breached and easily guessed passwords with zxcvbn-ts, offline: its dictionaries
 * hold the most common passwords from public breaches, names, English words and keyboard patterns.
 * Server-side only ("server-only" makes a client import fail the build), so the dictionaries (a few
 * MB) never reach the browser. Score 3 of 4 is "safely unguessable" against an online attack and
 * a slow offline hash, which is what argon2id gives us.
 */
export const MIN_PASSWORD_SCORE = 3;

let factory: ZxcvbnFactory | undefined;
function estimator() {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  });
  return factory;
}

/** Why a password is refused, or null when it is strong enough. `userInputs` are the user's own email and name. */
export function passwordWeakness(password: string, userInputs: string[]): string | null {
  const inputs = userInputs.flatMap((value) => [value, ...value.toLowerCase().split(/[^\p{L}\p{N}]+/u)]).filter((value) => value.length >= 3);
  // The estimate grows with length; past 100 characters a password is not the weak one, and the cost stays bounded.
  const result = estimator().check(password.slice(0, 100), inputs);
  if (result.score >= MIN_PASSWORD_SCORE) return null;
  const reason = (result.feedback.warning ?? "It would be guessed quickly.").replace(/^This is/, "It is");
  return `This password is too easy to guess. ${reason} Choose a longer one, for example a few unrelated words.`;
}

/** Throws a field error on `field` when the password is weak. */
export function assertStrongPassword(password: string, userInputs: string[], field = "password") {
  const weakness = passwordWeakness(password, userInputs);
  if (weakness) throw PublicError.field("weak_password", field, weakness);
}
