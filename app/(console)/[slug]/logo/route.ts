import { notFound } from "next/navigation";
import { readAccountLogo } from "@/lib/accounts/logo";
import { requireAccountContext } from "@/lib/authz/context";

/** Logos are private to members, like everything else under the account's URL. */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const ctx = await requireAccountContext((await params).slug);
  const logo = await readAccountLogo(ctx);
  if (!logo) notFound();
  return new Response(new Uint8Array(logo.data), {
    headers: {
      "Content-Type": logo.contentType,
      "Cache-Control": "private, max-age=60",
      "Content-Security-Policy": "default-src 'none'",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
