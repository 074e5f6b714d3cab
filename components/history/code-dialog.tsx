import { use } from "react";
import { useMessages } from "@/components/i18n/i18n-provider";
import { DialogFrame } from "@/components/ui/dialog-frame";
import { asCurl, asFetch } from "@/lib/generation/as-code";
import type { GenerationView } from "@/lib/generation/view";
import { format } from "@/lib/i18n/format";
import { CopyButton } from "./copy-button";
import { GatewayInfoContext } from "./gateway-info";

/** The exact gateway request behind a result, as cURL and as fetch, ready to copy. */
export function CodeDialog({ generation, onClose }: { generation: GenerationView; onClose: () => void }) {
  const t = useMessages().history.code;
  const info = use(GatewayInfoContext);
  const snippets = [
    { title: "cURL", code: asCurl(generation, info) },
    { title: "JavaScript (fetch)", code: asFetch(generation, info) },
  ];
  // The key's placeholder is set as code, wherever each language puts it in the sentence.
  const [beforeKey, afterKey] = t.keyNote.split("{key}");
  return (
    <DialogFrame label={t.dialog} heading={t.heading} closeLabel={t.close} onClose={onClose}>
      <p className="text-xs text-slate-600 dark:text-slate-400">
        {beforeKey}
        <code>$ONETOKEN_API_KEY</code>
        {afterKey}
      </p>
      {snippets.map((snippet) => (
        <section key={snippet.title} aria-label={snippet.title} className="space-y-1">
          <div className="flex items-center justify-between">
            <h3 className="text-sm font-medium">{snippet.title}</h3>
            <CopyButton text={snippet.code} label={format(t.copy, { title: snippet.title })} />
          </div>
          <pre className="overflow-x-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100">
            <code>{snippet.code}</code>
          </pre>
        </section>
      ))}
    </DialogFrame>
  );
}
