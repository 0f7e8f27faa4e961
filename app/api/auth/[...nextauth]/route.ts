import { handlers } from "@/lib/auth/auth";
import { withSafeCallbackUrl } from "@/lib/auth/safe-auth-request";

export const GET = withSafeCallbackUrl(handlers.GET);
export const POST = withSafeCallbackUrl(handlers.POST);
