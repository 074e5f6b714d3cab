import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { useCreateShare } from "@/lib/api/shares";
import type { ShareEntry } from "@/lib/store/types";
import { CopyButton } from "./copy-button";

/**
 * Makes a read-only link to the given items and shows it, ready to copy. The link opens for anyone who may
 * use this deployment; behind a password, they sign in first.
 */
export function ShareButton({ entries, title, label = "Share link" }: { entries: readonly ShareEntry[]; title: string; label?: string }) {
  const share = useCreateShare();
  const url = share.data ? `${window.location.origin}${share.data.path}` : null;
  return (
    <>
      {url ? (
        <span className="flex min-w-64 flex-1 items-center gap-2">
          <input readOnly autoFocus aria-label="Share link" value={url} className={`${inputClass} min-w-0 flex-1`} onFocus={(event) => event.currentTarget.select()} />
          <CopyButton text={url} label="Copy link" />
        </span>
      ) : (
        <Button onClick={() => share.mutate({ title, entries: [...entries] })} disabled={share.isPending}>
          {share.isPending ? "Making link…" : label}
        </Button>
      )}
      {share.error && (
        <p role="alert" className="w-full text-sm text-red-700 dark:text-red-300">
          Could not make a link: {share.error.message}
        </p>
      )}
    </>
  );
}
