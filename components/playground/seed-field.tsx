import { useMessages } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { describedBy, Field, inputClass } from "@/components/ui/field";
import { SEED_MAX } from "@/lib/models/registry";

export const randomSeed = (): number => {
  const buffer = new Uint32Array(1);
  crypto.getRandomValues(buffer);
  return (buffer[0] ?? 0) % (SEED_MAX + 1);
};

/** Empty means "a new random seed each time"; the seed actually used is shown on every result. */
export function SeedField({
  id = "seed",
  value,
  onChange,
  error,
  help,
}: {
  id?: string;
  value: number | null;
  onChange: (seed: number | null) => void;
  error?: string;
  /** What the seed does in a form that runs many images from it (a grid's cells), instead of the one-run help. */
  help?: string;
}) {
  const t = useMessages().playground.seed;
  return (
    <Field
      id={id}
      label={t.label}
      help={help ?? t.help}
      error={error}
    >
      <div className="flex gap-2">
        <input
          id={id}
          type="number"
          inputMode="numeric"
          min={0}
          max={SEED_MAX}
          step={1}
          placeholder={t.placeholder}
          className={inputClass}
          value={value === null || Number.isNaN(value) ? "" : value}
          aria-invalid={Boolean(error)}
          aria-describedby={describedBy(id, true, Boolean(error))}
          // Text the browser cannot read as a number ("12e", "1,234") reads as "": it is a wrong seed, said at
          // the field, not an empty one (which would quietly mean a random seed).
          onChange={(event) => onChange(event.target.value !== "" ? Number(event.target.value) : event.target.validity.badInput ? Number.NaN : null)}
        />
        <Button onClick={() => onChange(randomSeed())} className="whitespace-nowrap">
          <DiceIcon /> {t.roll}
        </Button>
        <Button onClick={() => onChange(null)} disabled={value === null} reason={t.clearDisabled} className="whitespace-nowrap">
          {t.clear}
        </Button>
      </div>
    </Field>
  );
}

function DiceIcon() {
  return (
    <svg aria-hidden viewBox="0 0 16 16" className="h-4 w-4" fill="currentColor">
      <rect x="1.5" y="1.5" width="13" height="13" rx="3" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <circle cx="5" cy="5" r="1.2" />
      <circle cx="8" cy="8" r="1.2" />
      <circle cx="11" cy="11" r="1.2" />
    </svg>
  );
}
