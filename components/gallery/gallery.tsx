import { GenerationCard } from "./generation-card";
import type { Generation } from "./use-generations";

export function Gallery({ generations, onCancel }: { generations: readonly Generation[]; onCancel: (id: string) => void }) {
  return (
    <section aria-labelledby="gallery-heading" className="space-y-4">
      <h2 id="gallery-heading" className="text-lg font-semibold">
        Results
      </h2>
      {generations.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-sm text-slate-500">
          Your images will appear here, newest first, each beside the prompt the model actually used.
        </p>
      ) : (
        <div className="space-y-4">
          {generations.map((generation) => (
            <GenerationCard key={generation.id} generation={generation} onCancel={() => onCancel(generation.id)} />
          ))}
        </div>
      )}
    </section>
  );
}
