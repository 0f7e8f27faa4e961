import type { ApiCredential } from "@/lib/authz/api-key-context";
import type { RequestInfo } from "@/lib/request-info";

/** What the API's middleware leaves on each request's Hono context. */
export interface ApiEnv {
  Variables: {
    /** Where the request came from (the address the console's server decided). */
    request: RequestInfo;
    /** The caller; set by `authenticate` on every route but the public document. */
    credential: ApiCredential;
  };
}
