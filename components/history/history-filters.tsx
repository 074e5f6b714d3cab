import { inputClass } from "@/components/ui/field";
import type { ListFilters } from "@/lib/generation/list-query";
import { GENERATION_STATUSES } from "@/lib/generation/view";
import { MODELS } from "@/lib/models/registry";

const STATUS_LABELS = { running: "Running", succeeded: "Done", failed: "Failed", cancelled: "Cancelled", interrupted: "Interrupted" } as const;

export function HistoryFilters({ value, onChange }: { value: ListFilters; onChange: (filters: ListFilters) => void }) {
  return (
    <div role="search" className="grid gap-2 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_minmax(0,1fr)_auto] sm:items-end">
      <div className="space-y-1">
        <label htmlFor="history-search" className="text-xs font-medium text-slate-700">
          Search prompts
        </label>
        <input
          id="history-search"
          type="search"
          className={inputClass}
          placeholder="Words in a prompt or revised prompt"
          value={value.q ?? ""}
          onChange={(event) => onChange({ ...value, q: event.target.value })}
        />
      </div>
      <div className="space-y-1">
        <label htmlFor="history-model" className="text-xs font-medium text-slate-700">
          Model
        </label>
        <select id="history-model" className={inputClass} value={value.model ?? ""} onChange={(event) => onChange({ ...value, model: event.target.value || undefined })}>
          <option value="">All models</option>
          {MODELS.map((model) => (
            <option key={model.id} value={model.id}>
              {model.name}
            </option>
          ))}
        </select>
      </div>
      <div className="space-y-1">
        <label htmlFor="history-status" className="text-xs font-medium text-slate-700">
          Status
        </label>
        <select id="history-status" className={inputClass} value={value.status ?? ""} onChange={(event) => onChange({ ...value, status: event.target.value || undefined })}>
          <option value="">Any status</option>
          {GENERATION_STATUSES.map((status) => (
            <option key={status} value={status}>
              {STATUS_LABELS[status]}
            </option>
          ))}
        </select>
      </div>
      <label className="flex items-center gap-2 pb-2 text-sm">
        <input type="checkbox" checked={value.starred ?? false} onChange={(event) => onChange({ ...value, starred: event.target.checked })} className="accent-indigo-600" />
        Favourites only
      </label>
    </div>
  );
}
