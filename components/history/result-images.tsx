import { useMessages } from "@/components/i18n/i18n-provider";
import type { GenerationView, ImageView } from "@/lib/generation/view";
import { sharedRevisedPrompt } from "@/lib/generation/shared-revised";
import { format } from "@/lib/i18n/format";
import { ImageLinks, ImageResult, ImageThumb, RevisedPrompt } from "./image-result";

/** Columns for a result's images: they stay side by side rather than one long stack. */
const GRID = { 2: "grid-cols-2", 3: "grid-cols-2 sm:grid-cols-3", 4: "grid-cols-2", 5: "grid-cols-2 sm:grid-cols-3", 6: "grid-cols-2 sm:grid-cols-3" } as const;

/**
 * A generation's images. One image sits beside its revised prompt; several sit in a grid, and a revised
 * prompt they all share is said once, under them (each image keeps its own when they differ). An edit keeps
 * one before/after slider per image, which needs the width, a shared revised prompt said under them too.
 */
export function ResultImages({
  generation,
  onOpen,
  onEdit,
}: {
  generation: GenerationView;
  onOpen: (image: ImageView) => void;
  onEdit?: ((image: ImageView) => void) | undefined;
}) {
  const t = useMessages().history;
  const { images, request } = generation;
  const count = images.length;
  const shared = sharedRevisedPrompt(images);

  if (generation.input || count <= 1) {
    // An edit's images, each a slider, keep the width; a revised prompt they share is said once, under them.
    const list = (
      <ul className="grid gap-4">
        {images.map((image, index) => (
          <ImageResult
            key={image.id}
            image={image}
            index={index}
            count={count}
            prompt={request.prompt}
            onOpen={() => onOpen(image)}
            before={generation.input}
            stacked={shared !== null}
            ownRevised={shared === null}
            onEdit={onEdit && (() => onEdit(image))}
          />
        ))}
      </ul>
    );
    if (shared === null) return list;
    return (
      <div className="space-y-3">
        {list}
        <RevisedPrompt revised={shared} prompt={request.prompt} heading={format(t.image.revisedPromptAll, { count })} />
      </div>
    );
  }

  const columns = GRID[Math.min(count, 6) as keyof typeof GRID];
  return (
    <div className="space-y-3">
      <ul className={`grid gap-3 ${columns}`}>
        {images.map((image, index) => (
          <li key={image.id} className="min-w-0 space-y-1">
            <ImageThumb image={image} position={{ index, count }} prompt={request.prompt} onOpen={() => onOpen(image)} />
            <ImageLinks image={image} downloadable onEdit={onEdit && (() => onEdit(image))} />
            {shared === null && <RevisedPrompt revised={image.revisedPrompt} prompt={request.prompt} heading={format(t.image.revisedPromptOf, { index: index + 1 })} />}
          </li>
        ))}
      </ul>
      {shared !== null && <RevisedPrompt revised={shared} prompt={request.prompt} heading={format(t.image.revisedPromptAll, { count })} />}
    </div>
  );
}
