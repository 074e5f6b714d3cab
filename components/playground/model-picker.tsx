import { useMessages } from "@/components/i18n/i18n-provider";
import { modelsByFamily, type ModelFamily, type ModelId } from "@/lib/models/registry";

type PickerModel = { readonly id: string; readonly name: string; readonly summary: string; readonly recommended: boolean };
type Group = { readonly family: ModelFamily; readonly models: readonly PickerModel[] };

const GROUPS = modelsByFamily();

/**
 * Every model as a radio card, grouped by family, with its summary and a mark on the recommended ones. The
 * text-to-image models unless given others; `idPrefix` keeps two mounted pickers' controls apart.
 */
export function ModelPicker<Id extends string = ModelId>({
  value,
  onChange,
  groups = GROUPS,
  idPrefix = "",
  summaries: given,
}: {
  value: Id;
  onChange: (id: Id) => void;
  groups?: readonly Group[];
  idPrefix?: string;
  /** The models' summaries in the interface's language; the text-to-image ones unless given. */
  summaries?: Readonly<Record<string, string | undefined>>;
}) {
  const t = useMessages().playground;
  const summaries: Readonly<Record<string, string | undefined>> = given ?? t.modelSummaries;
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-medium text-slate-800 dark:text-slate-200">{t.model.legend}</legend>
      {groups.filter((group) => group.models.length > 0).map((group) => (
        <div key={group.family} role="group" aria-labelledby={`${idPrefix}family-${group.family}`} className="space-y-1">
          <p id={`${idPrefix}family-${group.family}`} className="text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">
            {t.familyLabels[group.family]}
          </p>
          <div className="grid gap-1">
            {group.models.map((model) => {
              const id = `${idPrefix}model-${model.id}`;
              return (
                <label
                  key={model.id}
                  htmlFor={id}
                  className="flex cursor-pointer items-start gap-2 rounded-md border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 px-3 py-2 has-[:checked]:border-indigo-500 has-[:checked]:bg-indigo-50 dark:has-[:checked]:bg-indigo-950/40"
                >
                  <input
                    id={id}
                    type="radio"
                    name={`${idPrefix}model`}
                    value={model.id}
                    checked={value === model.id}
                    onChange={() => onChange(model.id as Id)}
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
