"use client";

import { useState } from "react";
import { useMessages } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import type { ExamplePrompt } from "@/lib/i18n/examples";

/**
 * Example prompts in the interface's language. Choosing one in the menu changes nothing by itself (arrow
 * keys on a closed menu fire a change in some browsers); the button beside it applies the choice.
 */
export function ExamplePrompts({ onPick }: { onPick: (example: ExamplePrompt) => void }) {
  const t = useMessages().common;
  const [chosen, setChosen] = useState(0);
  const example = t.exampleList[chosen];
  return (
    <div className="space-y-1.5">
      <label htmlFor="example-prompt" className="text-sm font-medium text-slate-800 dark:text-slate-200">
        {t.examples}
      </label>
      {/* Side by side where there is room; on a phone the menu takes the whole width, so every name shows whole. */}
      <div className="flex flex-col items-start gap-2 sm:flex-row sm:items-stretch">
        <select id="example-prompt" className={`${inputClass} min-w-0 sm:flex-1`} value={chosen} aria-describedby="example-prompt-help" onChange={(event) => setChosen(Number(event.target.value))}>
          {t.exampleList.map((entry, index) => (
            <option key={entry.title} value={index}>
              {entry.title}
            </option>
          ))}
        </select>
        <Button onClick={() => example && onPick(example)} aria-label={t.examplesUse} className="shrink-0 whitespace-nowrap">
          {t.examplesUseShort}
        </Button>
      </div>
      <p id="example-prompt-help" className="text-xs text-slate-500 dark:text-slate-400">
        {t.examplesHelp}
      </p>
    </div>
  );
}
