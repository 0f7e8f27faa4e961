import { clientAddress } from "@/lib/http/client-address";
import { paymentProvider } from "@/lib/payments";
import { readBodyPrefix } from "@/lib/payments/read-body";
import { tokenizeCard, tokenizeInputSchema } from "@/lib/payments/sandbox/tokenize";
import { hitRateLimit } from "@/lib/rate-limit";

/**
 * The sandbox processor's tokenization endpoint: the only place in the console that accepts a card
 * number and CVC (the card-data guard in proxy.ts lets this path through and refuses them
 * everywhere else). It stands apart from the console: no session, no database row, no log of what
 * it receives. It answers a one-time token for the console's own server action to attach.
 */
export const dynamic = "force-dynamic";

const MAX_BODY_BYTES = 4096;
const RATE_LIMIT = { limit: 60, windowSeconds: 600 };

function reply(body: unknown, status: number, headers: Record<string, string> = {}) {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

export async function POST(request: Request) {
  if (paymentProvider().id !== "sandbox") return reply({ error: "The sandbox payment provider is not enabled." }, 404);

  const limit = await hitRateLimit(`sandbox-tokens:${clientAddress(request.headers) ?? "unknown"}`, RATE_LIMIT);
  if (!limit.allowed) {
    return reply({ error: `Too many card attempts. Try again in ${Math.ceil(limit.retryAfterSeconds / 60)} minutes.` }, 429, { "Retry-After": String(limit.retryAfterSeconds) });
  }
  if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith("application/json")) {
    return reply({ error: "Send the card as JSON." }, 415);
  }

  // Bounded, and never logged, not even on failure.
  const body = await readBodyPrefix(request, MAX_BODY_BYTES).catch(() => null);
  if (!body || body.truncated) return reply({ error: "The request could not be read." }, 400);
  let json: unknown;
  try {
    json = JSON.parse(body.text);
  } catch {
    return reply({ error: "The request could not be read." }, 400);
  }
  const input = tokenizeInputSchema.safeParse(json);
  if (!input.success) return reply({ error: "The request could not be read." }, 400);

  const result = tokenizeCard(input.data);
  if (!result.ok) return reply({ errors: result.errors }, 400);
  return reply(result.card, 200);
}
