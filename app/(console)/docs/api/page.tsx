import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { ApiReference } from "./api-reference";

export const metadata: Metadata = { title: "API reference" };

/**
 * The REST API's interactive reference: Scalar, served from the console itself (no CDN), rendering
 * /api/v1/openapi.json, the document generated from the routes' own definitions.
 */
export default function ApiReferencePage() {
  return (
    <main id="main" className="mx-auto w-full max-w-6xl flex-1 space-y-6 px-4 py-8">
      <PageHeader
        title="API reference"
        description={
          <>
            The console&apos;s REST API under <code>/api/v1</code>. Authenticate with an API key from an account&apos;s API keys screen (or a platform key) as{" "}
            <code>Authorization: Bearer &lt;key&gt;</code>. The raw document is at{" "}
            <a className="underline" href="/api/v1/openapi.json">
              /api/v1/openapi.json
            </a>
            .
          </>
        }
      />
      <ApiReference documentUrl="/api/v1/openapi.json" scriptUrl="/docs/api/scalar.js" />
    </main>
  );
}
