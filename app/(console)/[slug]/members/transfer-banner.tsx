"use client";
import { ActionDialog } from "@/components/action-dialog";
import { Banner } from "@/components/ui/banner";
import { acceptTransferAction, cancelTransferAction, declineTransferAction } from "./actions";

interface TransferBannerProps {
  slug: string;
  transfer: { id: string; fromName: string; toName: string };
  isRecipient: boolean;
  canCancel: boolean;
}

export function TransferBanner({ slug, transfer, isRecipient, canCancel }: TransferBannerProps) {
  const id = <input type="hidden" name="transferId" value={transfer.id} />;
  return (
    <Banner
      tone="info"
      title={isRecipient ? `${transfer.fromName} offered you ownership of this organization` : `Ownership offered to ${transfer.toName}`}
      action={
        <div className="flex flex-wrap gap-2">
          {isRecipient && (
            <>
              <ActionDialog triggerLabel="Accept ownership" triggerVariant="primary" title="Become an owner?" description={`You become an owner and ${transfer.fromName} takes your current role.`} confirmLabel="Accept ownership" action={acceptTransferAction.bind(null, slug)}>
                {id}
              </ActionDialog>
              <ActionDialog triggerLabel="Decline" title="Decline the offer?" confirmLabel="Decline" action={declineTransferAction.bind(null, slug)}>
                {id}
              </ActionDialog>
            </>
          )}
          {canCancel && (
            <ActionDialog triggerLabel="Cancel transfer" title="Cancel the ownership transfer?" confirmLabel="Cancel transfer" tone="danger" action={cancelTransferAction.bind(null, slug)}>
              {id}
            </ActionDialog>
          )}
        </div>
      }
    >
      {isRecipient ? "Nothing changes until you accept." : "It takes effect when they accept."}
    </Banner>
  );
}
