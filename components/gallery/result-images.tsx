import type { GenerationResult } from "@/lib/generation/result";

/** Each image with the model's revised prompt beside it, at the size it was made (no layout shift). */
export function ResultImages({ result }: { result: GenerationResult }) {
  const { request } = result;
  return (
    <ul className="grid gap-4">
      {result.images.map((image, index) => (
        <li key={index} className="grid gap-3 md:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
          <a href={image.src} target="_blank" rel="noreferrer" className="block">
            {/* eslint-disable-next-line @next/next/no-img-element -- data: URIs and 24-hour gateway URLs, not optimisable assets */}
            <img
              src={image.src}
              width={request.width}
              height={request.height}
              alt={`Image ${index + 1} of ${result.images.length} for: ${request.prompt.slice(0, 120)}`}
              className="h-auto w-full rounded-md border border-slate-200 bg-slate-100"
            />
          </a>
          <figure className="space-y-1 text-sm">
            <figcaption className="text-xs font-semibold uppercase tracking-wide text-slate-500">Revised prompt</figcaption>
            {image.revisedPrompt !== "" ? (
              <p className="whitespace-pre-wrap text-slate-800" data-testid="revised-prompt">
                {image.revisedPrompt}
              </p>
            ) : (
              <p className="italic text-slate-500" data-testid="revised-prompt">
                No revised prompt returned.
              </p>
            )}
          </figure>
        </li>
      ))}
    </ul>
  );
}
