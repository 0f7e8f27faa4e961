import { apiApp } from "@/lib/api/app";

/** The REST API (/api/v1): every method goes to the one Hono app (lib/api/app.ts), which answers problem+json for the rest. */
const handle = (request: Request) => apiApp.fetch(request);

export const GET = handle;
export const HEAD = handle;
export const POST = handle;
export const PUT = handle;
export const PATCH = handle;
export const DELETE = handle;
export const OPTIONS = handle;

export const dynamic = "force-dynamic";
