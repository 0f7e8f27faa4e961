import type { Metadata } from "next";
import Link from "next/link";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

export const metadata: Metadata = { title: "Check your email" };

export default function CheckEmailPage() {
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h1" className="text-xl">Check your email</CardTitle>
        <CardDescription>
          We sent a confirmation link to the address you entered. Open it to activate your account, then sign in.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <p className="text-sm text-muted-foreground">
          No mail after a few minutes? Check your spam folder, or{" "}
          <Link className="font-medium text-primary underline underline-offset-4 hover:no-underline" href="/sign-in">
            sign in
          </Link>{" "}
          to get a new link.
        </p>
      </CardContent>
    </Card>
  );
}
