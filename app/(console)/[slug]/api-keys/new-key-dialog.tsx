"use client";
import { Check, Copy } from "lucide-react";
import { useRef, useState } from "react";
import { Banner } from "@/components/ui/banner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { toast } from "@/components/ui/toast";
import type { CreatedApiKey } from "@/lib/api-keys/create";

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

/** The secret, once: a read-only field with a copy button. A click outside does not close it by accident. */
export function NewKeyDialog({ created, onClose }: { created: CreatedApiKey; onClose: () => void }) {
  const [copied, setCopied] = useState(false);
  const field = useRef<HTMLInputElement>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(created.secret);
      setCopied(true);
      toast.success("API key copied to the clipboard.");
    } catch {
      field.current?.select();
      toast.error("Could not copy. The key is selected: copy it with your keyboard.");
    }
  }

  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent
        title={`Copy your new key "${created.name}"`}
        description="This is the only time the key is shown. Store it in a secret manager now: you won't see it again."
        onInteractOutside={(event) => event.preventDefault()}
      >
        <div className="grid gap-1.5">
          <Label htmlFor="new-api-key">API key</Label>
          <div className="flex gap-2">
            <Input ref={field} id="new-api-key" readOnly value={created.secret} className="font-mono text-xs" onFocus={(event) => event.currentTarget.select()} spellCheck={false} />
            <Button variant="secondary" onClick={copy} aria-label="Copy the API key">
              {copied ? <Check aria-hidden="true" /> : <Copy aria-hidden="true" />}
              {copied ? "Copied" : "Copy"}
            </Button>
          </div>
        </div>
        <p className="text-sm text-muted-foreground">
          {created.readOnly ? "Read-only. " : ""}
          {created.expiresAt ? `Expires on ${dateFormat.format(new Date(created.expiresAt))} (UTC).` : "Never expires: revoke it when you no longer need it."} Send it as{" "}
          <code className="text-xs">Authorization: Bearer …</code>; it acts with your current role here.
        </p>
        <Banner tone="warning">Anyone holding this key can act as you in this account. Never put it in a URL, a chat or a repository.</Banner>
        <DialogFooter>
          <Button onClick={onClose}>I have copied it</Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
