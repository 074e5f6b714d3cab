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
      <div className="flex gap-2">
        <select id="example-prompt" className={inputClass} value={chosen} aria-describedby="example-prompt-help" onChange={(event) => setChosen(Number(event.target.value))}>
          {t.exampleList.map((entry, index) => (
            <option key={entry.title} value={index}>
              {entry.title}
            </option>
          ))}
        </select>
        <Button onClick={() => example && onPick(example)} className="whitespace-nowrap">
          {t.examplesUse}
        </Button>
      </div>
      <p id="example-prompt-help" className="text-xs text-slate-500 dark:text-slate-400">
        {t.examplesHelp}
      </p>
    </div>
  );
}
