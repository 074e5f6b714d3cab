import { useMessages } from "@/components/i18n/i18n-provider";
import { modelsByFamily, type ModelId } from "@/lib/models/registry";

const GROUPS = modelsByFamily();

/** Every model as a radio card, grouped by family, with its summary and a mark on the recommended ones. */
export function ModelPicker({ value, onChange }: { value: ModelId; onChange: (id: ModelId) => void }) {
  const t = useMessages().playground;
  const summaries: Readonly<Record<string, string | undefined>> = t.modelSummaries;
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-medium text-slate-800 dark:text-slate-200">{t.model.legend}</legend>
      {GROUPS.map((group) => (
        <div key={group.family} role="group" aria-labelledby={`family-${group.family}`} className="space-y-1">
          <p id={`family-${group.family}`} className="text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">
            {t.familyLabels[group.family]}
          </p>
          <div className="grid gap-1">
            {group.models.map((model) => {
              const id = `model-${model.id}`;
              return (
                <label
                  key={model.id}
                  htmlFor={id}
                  className="flex cursor-pointer items-start gap-2 rounded-md border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 px-3 py-2 has-[:checked]:border-indigo-500 has-[:checked]:bg-indigo-50 dark:has-[:checked]:bg-indigo-950/40"
                >
                  <input
                    id={id}
                    type="radio"
                    name="model"
                    value={model.id}
                    checked={value === model.id}
                    onChange={() => onChange(model.id as ModelId)}
                    aria-labelledby={`${id}-name`}
                    aria-describedby={`${id}-summary`}
                    className="mt-1 accent-indigo-600"
                  />
                  <span className="min-w-0">
                    <span className="flex flex-wrap items-center gap-x-2 text-sm font-medium">
                      <span id={`${id}-name`}>{model.name}</span>
                      <code className="text-xs font-normal text-slate-600 dark:text-slate-400">{model.id}</code>
                    </span>
                    <span id={`${id}-summary`} className="block text-xs text-slate-600 dark:text-slate-400">
                      {model.recommended && (
                        <span className="mr-1 rounded bg-amber-100 dark:bg-amber-900/50 px-1.5 font-medium text-amber-800 dark:text-amber-200">{t.model.recommended}</span>
                      )}
                      {summaries[model.id] ?? model.summary}
                    </span>
                  </span>
                </label>
              );
            })}
          </div>
        </div>
      ))}
    </fieldset>
  );
}
