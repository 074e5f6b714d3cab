import { randomUUID } from "node:crypto";
import { openStorage, type Storage } from "../lib/history/storage";
import { defaultRequest } from "../lib/models/defaults";
import { processImage } from "../lib/jobs/process-image";
import { renderImage } from "../lib/simulator/render";
import { MODELS } from "../lib/models/registry";

const WORDS = ["lantern", "river", "porcelain", "mountain", "kitten", "poster", "neon", "forest", "temple", "harbour", "岳阳楼", "青花瓷"];

/**
 * A history of `count` finished generations, written through the real store, each with one real rendered
 * 1280*1280 image (one of `distinctImages`, so rendering stays quick). With `files: false` only the records
 * are written, for benchmarks that never read the bytes.
 */
export const seedHistory = async (dataDir: string, count: number, { files = true, distinctImages = 20 } = {}): Promise<Storage> => {
  const storage = await openStorage(dataDir);
  const images: Array<{ bytes: Buffer; thumbnail: Buffer; width: number; height: number }> = [];
  for (let index = 0; index < distinctImages; index++) {
    const bytes = await renderImage({ model: "wan2.6-t2i", prompt: `bench ${index}`, seed: index, width: 1280, height: 1280, index: 0 });
    const { thumbnail, width, height } = await processImage(bytes);
    images.push({ bytes, thumbnail, width, height });
  }
  const started = Date.now() - count * 1000;
  for (let index = 0; index < count; index++) {
    const model = MODELS[index % MODELS.length] ?? MODELS[0];
    const id = randomUUID();
    const prompt = `${WORDS[index % WORDS.length]} ${WORDS[(index * 7) % WORDS.length]} number ${index}`;
    storage.store.create({ id, createdAt: started + index * 1000, request: { ...defaultRequest(model.id), prompt } });
    storage.store.markSent(id, index);
    const image = images[index % images.length] ?? images[0];
    if (!image) throw new Error("no image");
    const imageId = randomUUID();
    if (files) await storage.images.put(imageId, image.bytes, image.thumbnail);
    storage.store.complete(id, {
      finishedAt: started + index * 1000 + 800,
      durationMs: 800,
      images: [{ id: imageId, position: 0, width: image.width, height: image.height, mime: "image/png", bytes: image.bytes.length, revisedPrompt: `${prompt}, cinematic light` }],
    });
  }
  return storage;
};
