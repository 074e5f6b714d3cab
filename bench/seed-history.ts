import { randomUUID } from "node:crypto";
import { openStorage, type Storage } from "../lib/history/storage";
import { defaultRequest } from "../lib/models/defaults";
import { processImage } from "../lib/jobs/process-image";
import { renderImage } from "../lib/simulator/render";
import { planComparison } from "../lib/compare/compare-request";
import { MODELS, type ModelId } from "../lib/models/registry";

const COMPARED: readonly ModelId[] = ["wan2.6-t2i", "qwen-image-max", "wan2.2-t2i-flash"];

const WORDS = ["lantern", "river", "porcelain", "mountain", "kitten", "poster", "neon", "forest", "temple", "harbour", "岳阳楼", "青花瓷"];

/**
 * A history of `count` finished items, written through the real store, each generation with one real
 * rendered 1280*1280 image (one of `distinctImages`, so rendering stays quick). With `files: false` only the
 * records are written, for benchmarks that never read the bytes. With `comparisonEvery: k`, every k-th item
 * is a finished comparison of three models instead.
 */
export const seedHistory = async (
  where: Parameters<typeof openStorage>[0],
  count: number,
  { files = true, distinctImages = 20, comparisonEvery = 0 } = {},
): Promise<Storage> => {
  const storage = await openStorage(where);
  const images: Array<{ bytes: Buffer; thumbnail: Buffer; width: number; height: number }> = [];
  for (let index = 0; index < distinctImages; index++) {
    const bytes = await renderImage({ model: "wan2.6-t2i", prompt: `bench ${index}`, seed: index, width: 1280, height: 1280, index: 0 });
    const { thumbnail, width, height } = await processImage(bytes);
    images.push({ bytes, thumbnail, width, height });
  }
  const started = Date.now() - count * 1000;
  const finish = async (id: string, index: number, prompt: string) => {
    await storage.store.markSent(id, index, started + index * 1000);
    const image = images[index % images.length] ?? images[0];
    if (!image) throw new Error("no image");
    const imageId = randomUUID();
    if (files) await storage.images.put(imageId, image.bytes, image.thumbnail);
    await storage.store.complete(id, {
      finishedAt: started + index * 1000 + 800,
      durationMs: 800,
      images: [{ id: imageId, position: 0, width: image.width, height: image.height, mime: "image/png", bytes: image.bytes.length, revisedPrompt: `${prompt}, cinematic light` }],
    });
  };
  for (let index = 0; index < count; index++) {
    const model = MODELS[index % MODELS.length] ?? MODELS[0];
    const prompt = `${WORDS[index % WORDS.length]} ${WORDS[(index * 7) % WORDS.length]} number ${index}`;
    if (comparisonEvery > 0 && index % comparisonEvery === 0) {
      const request = { models: COMPARED, prompt, negativePrompt: "", aspect: "1:1", perModel: 1, seed: index, promptExtend: true, watermark: false, blind: false } as const;
      const columns = planComparison({ ...request, models: [...COMPARED] }).map((plan) => ({ id: randomUUID(), request: plan.request }));
      await storage.store.createComparison({ id: randomUUID(), createdAt: started + index * 1000, request: { ...request, models: [...COMPARED] }, seed: index, columns });
      for (const column of columns) await finish(column.id, index, prompt);
      continue;
    }
    const id = randomUUID();
    await storage.store.create({ id, createdAt: started + index * 1000, request: { ...defaultRequest(model.id), prompt } });
    await finish(id, index, prompt);
  }
  return storage;
};
