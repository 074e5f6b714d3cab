import type { UseFormRegisterReturn } from "react-hook-form";
import { describedBy, Field, inputClass } from "@/components/ui/field";
import { COMPARE_ASPECTS } from "@/lib/compare/fit-to-model";

/** The fields the forms of sets share (compare, grid, batch): one aspect ratio for every model, and a count. */

/** An aspect ratio asked of every model; each gets its nearest allowed size. */
export function AspectField({ id, label, help, registration }: { id: string; label: string; help: string; registration: UseFormRegisterReturn }) {
  return (
    <Field id={id} label={label} help={help}>
      <select id={id} className={inputClass} aria-describedby={`${id}-help`} {...registration}>
        {COMPARE_ASPECTS.map((aspect) => (
          <option key={aspect} value={aspect}>
            {aspect}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** How many images each column, cell or row makes. */
export function CountField({
  id,
  label,
  help,
  error,
  min,
  max,
  registration,
}: {
  id: string;
  label: string;
  help?: string;
  error?: string | undefined;
  min: number;
  max: number;
  registration: UseFormRegisterReturn;
}) {
  return (
    <Field id={id} label={label} error={error} help={help}>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        step={1}
        className={`${inputClass} max-w-28`}
        aria-invalid={Boolean(error)}
        aria-describedby={describedBy(id, Boolean(help), Boolean(error))}
        {...registration}
      />
    </Field>
  );
}
