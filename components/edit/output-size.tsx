import { useMessages, useRuleText } from "@/components/i18n/i18n-provider";
import { SizePicker } from "@/components/playground/size-picker";
import { followInputSize } from "@/lib/edit/output-size";
import type { InputImageView } from "@/lib/generation/view";
import { format } from "@/lib/i18n/format";
import type { EditModelSpec } from "@/lib/models/edit-models";
import { formatSize, type Size } from "@/lib/models/size-rules";

/** Before an input is chosen, "about" speaks of a square one. */
const SQUARE: Size = { width: 1, height: 1 };

/**
 * An edit's output size: following the input (the default, and the only choice for a model that takes no
 * size), or one the model allows, picked with the same picker as generation.
 */
export function OutputSize({
  model,
  input,
  value,
  onChange,
  error,
}: {
  model: EditModelSpec;
  input: InputImageView | null;
  value: Size | null;
  onChange: (size: Size | null) => void;
  error: string | undefined;
}) {
  const t = useMessages().edit.size;
  const ruleText = useRuleText();
  const follows = followInputSize(model, input ?? SQUARE);
  const about = formatSize(follows);
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-800 dark:text-slate-200">{t.legend}</legend>
      {model.size ? (
        <div className="space-y-2 text-sm">
          <label className="flex items-center gap-2">
            <input type="radio" name="edit-size-mode" className="accent-indigo-600" checked={value === null} onChange={() => onChange(null)} />
            {format(t.follow, { size: about })}
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="edit-size-mode" className="accent-indigo-600" checked={value !== null} onChange={() => onChange(follows)} />
            {t.choose}
          </label>
          {value !== null && (
            <SizePicker
              key={model.id}
              idPrefix="edit-"
              model={{ id: model.id, name: model.name, sizeRule: model.size.rule, presets: model.size.presets }}
              value={value}
              onChange={onChange}
            />
          )}
        </div>
      ) : (
        <p className="text-xs text-slate-600 dark:text-slate-400">{format(t.noSize, { model: model.name, size: about })}</p>
      )}
      {error && (
        <p role="alert" className="text-xs font-medium text-red-700 dark:text-red-300">
          {ruleText(error)}
        </p>
      )}
    </fieldset>
  );
}
