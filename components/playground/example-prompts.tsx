"use client";

import { useMessages } from "@/components/i18n/i18n-provider";
import { Field, inputClass } from "@/components/ui/field";
import type { ExamplePrompt } from "@/lib/i18n/examples";

/** A menu of example prompts in the interface's language; picking one fills the form, then the menu resets. */
export function ExamplePrompts({ onPick }: { onPick: (example: ExamplePrompt) => void }) {
  const t = useMessages().common;
  const examples = t.exampleList;
  return (
    <Field id="example-prompt" label={t.examples} help={t.examplesHelp}>
      <select
        id="example-prompt"
        className={inputClass}
        value=""
        aria-describedby="example-prompt-help"
        onChange={(event) => {
          const example = examples[Number(event.target.value)];
          if (example) onPick(example);
        }}
      >
        <option value="" disabled>
          {t.examplesPlaceholder}
        </option>
        {examples.map((example, index) => (
          <option key={example.title} value={index}>
            {example.title}
          </option>
        ))}
      </select>
    </Field>
  );
}
