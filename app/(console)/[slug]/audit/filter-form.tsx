import Form from "next/form";
import { SelectField, TextField } from "@/components/form/field";
import { Button, ButtonLink } from "@/components/ui/button";
import type { FilterName } from "@/lib/audit-log/filters";
import { actionLabel } from "@/lib/audit-log/action-labels";
import { auditChannels, channelLabels } from "@/lib/audit-log/actors";

export interface FilterFormProps {
  basePath: string;
  /** What the URL holds, valid or not, so the user can correct it. */
  values: Record<FilterName, string>;
  fieldErrors: Partial<Record<FilterName, string>>;
  actions: string[];
  filtered: boolean;
}

/** A GET form: the filters live in the URL, so a filtered view can be bookmarked and shared. */
export function FilterForm({ basePath, values, fieldErrors, actions, filtered }: FilterFormProps) {
  const known = values.action && !fieldErrors.action && !actions.includes(values.action) ? [...actions, values.action] : actions;
  return (
    <Form action={basePath} aria-label="Filter the audit log" className="grid gap-4 rounded-xl border border-border bg-surface p-4 sm:p-5">
      <div className="grid items-start gap-4 sm:grid-cols-2 lg:grid-cols-5">
        <TextField
          label="Actor email"
          name="actor"
          type="search"
          inputMode="email"
          autoComplete="off"
          spellCheck={false}
          placeholder="ann@example.com or ann"
          defaultValue={values.actor}
          error={fieldErrors.actor}
          maxLength={254}
        />
        <SelectField
          label="Action"
          name="action"
          placeholder="All actions"
          defaultValue={fieldErrors.action ? "" : values.action}
          error={fieldErrors.action}
          options={known.map((action) => ({ value: action, label: actionLabel(action) }))}
        />
        <SelectField
          label="Channel"
          name="channel"
          placeholder="All channels"
          defaultValue={fieldErrors.channel ? "" : values.channel}
          error={fieldErrors.channel}
          options={auditChannels.map((channel) => ({ value: channel, label: channelLabels[channel] }))}
        />
        <TextField label="From (UTC)" name="from" type="date" defaultValue={values.from} error={fieldErrors.from} />
        <TextField label="To (UTC)" name="to" type="date" defaultValue={values.to} error={fieldErrors.to} />
      </div>
      <div className="flex flex-wrap gap-2">
        <Button type="submit">Apply filters</Button>
        {filtered ? (
          <ButtonLink href={basePath} variant="ghost">
            Clear filters
          </ButtonLink>
        ) : null}
      </div>
    </Form>
  );
}
