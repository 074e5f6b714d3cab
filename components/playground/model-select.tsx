import { useMessages } from "@/components/i18n/i18n-provider";
import { inputClass } from "@/components/ui/field";
import { modelsByFamily, type ModelFamily, type ModelId } from "@/lib/models/registry";

type PickerModel = { readonly id: string; readonly name: string; readonly summary: string; readonly recommended: boolean };
type Group = { readonly family: ModelFamily; readonly models: readonly PickerModel[] };

const GROUPS = modelsByFamily();

/**
 * The model chooser: one native menu, grouped by family, the recommended ones marked ★, and the chosen model's
 * summary and id under it. Compact, so the prompt and its button stay on the first screen; native, so the
 * keyboard, screen readers and a phone's own picker all work as they do everywhere. The text-to-image
 * models unless given others; `idPrefix` keeps two mounted forms' controls apart.
 */
export function ModelSelect<Id extends string = ModelId>({
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
  const id = `${idPrefix}model`;
  const chosen = groups.flatMap((group) => group.models).find((model) => model.id === value);
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-800 dark:text-slate-200">
        {t.model.legend}
      </label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value as Id)} className={inputClass} aria-describedby={`${id}-summary`}>
        {groups
          .filter((group) => group.models.length > 0)
          .map((group) => (
            <optgroup key={group.family} label={t.familyLabels[group.family]}>
              {group.models.map((model) => (
                <option key={model.id} value={model.id}>
                  {model.recommended ? `${model.name} ★` : model.name}
                </option>
              ))}
            </optgroup>
          ))}
      </select>
      {chosen && (
        <p id={`${id}-summary`} className="text-xs text-slate-600 dark:text-slate-400">
          {chosen.recommended && <span className="mr-1 font-medium text-amber-800 dark:text-amber-200">{t.model.recommended} ·</span>}
          {summaries[chosen.id] ?? chosen.summary} <code className="text-slate-500 dark:text-slate-400">{chosen.id}</code>
        </p>
      )}
    </div>
  );
}
