import { askedSettings } from "../download/asked-settings";
import { contentDisposition, downloadFileName } from "../download/file-name";
import type { GenerationView } from "../generation/view";
import { asPng } from "../png/as-png";
import { addPngText } from "../png/text-chunks";
import { cutText, wellFormed } from "../text/well-formed";
import type { StoredImage } from "../store/types";

/**
 * A stored image as a PNG that carries its own story: the prompt, the revised prompt and every setting as
 * PNG text chunks (readable by exiftool and most image viewers), under a file name a person can recognise.
 */
export const downloadablePng = async (bytes: Buffer, generation: GenerationView, image: StoredImage) => {
  const png = await asPng(bytes);
  const { request } = generation;
  // As sent, as a results file writes them (an edit's input named, its size null when it followed the input):
  // the picture's own size is in its header.
  const settings = { model: request.model, ...askedSettings(request), seed: generation.seed, negative_prompt: request.negativePrompt };
  // Well-formed whatever the record holds: one kept before prompts were checked for broken characters may not be.
  const prompt = wellFormed(request.prompt);
  const entries = [
    { keyword: "Title", text: cutText(prompt, 200) },
    { keyword: "Description", text: prompt },
    { keyword: "Software", text: "OneToken Image Playground" },
    { keyword: "Creation Time", text: new Date(generation.createdAt).toISOString() },
    { keyword: "prompt", text: prompt },
    { keyword: "revised_prompt", text: wellFormed(image.revisedPrompt) },
    { keyword: "parameters", text: wellFormed(JSON.stringify(settings)) },
  ];
  const name = downloadFileName({
    model: request.model,
    seed: generation.seed ?? 0,
    prompt: request.prompt,
    index: image.position,
    count: generation.images.length,
  });
  return { png: addPngText(png, entries), contentDisposition: contentDisposition(name) };
};
