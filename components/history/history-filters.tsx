import { useMessages, useModels } from "@/components/i18n/i18n-provider";
import { inputClass } from "@/components/ui/field";
import { SEARCH_MAX, type ListFilters } from "@/lib/generation/list-query";
import { GENERATION_STATUSES } from "@/lib/generation/view";

export function HistoryFilters({ value, onChange }: { value: ListFilters; onChange: (filters: ListFilters) => void }) {
  const t = useMessages().history;
  const modelOptions = useModels().map((model) => ({ value: model.id, label: model.name }));
  const statusOptions = GENERATION_STATUSES.map((status) => ({ value: status, label: t.status[status] }));
  return (
    <div role="search" className="grid gap-2 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_minmax(0,1fr)_auto] sm:items-end">
      <div className="space-y-1">
        <label htmlFor="history-search" className="text-xs font-medium text-slate-700 dark:text-slate-300">
          {t.filters.search}
        </label>
        <input
          id="history-search"
          type="search"
          maxLength={SEARCH_MAX}
          className={inputClass}
          placeholder={t.filters.searchPlaceholder}
          value={value.q ?? ""}
          onChange={(event) => onChange({ ...value, q: event.target.value })}
        />
      </div>
      <FilterSelect id="history-model" label={t.filters.model} any={t.filters.anyModel} options={modelOptions} value={value.model} onChange={(model) => onChange({ ...value, model })} />
      <FilterSelect id="history-status" label={t.filters.status} any={t.filters.anyStatus} options={statusOptions} value={value.status} onChange={(status) => onChange({ ...value, status })} />
      <label className="flex items-center gap-2 pb-2 text-sm">
        <input type="checkbox" checked={value.starred ?? false} onChange={(event) => onChange({ ...value, starred: event.target.checked })} className="accent-indigo-600" />
        {t.filters.favouritesOnly}
      </label>
    </div>
  );
}

function FilterSelect({
  id,
  label,
  any,
  options,
  value,
  onChange,
}: {
  id: string;
  label: string;
  any: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
}) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="text-xs font-medium text-slate-700 dark:text-slate-300">
        {label}
      </label>
      <select id={id} className={inputClass} value={value ?? ""} onChange={(event) => onChange(event.target.value || undefined)}>
        <option value="">{any}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
