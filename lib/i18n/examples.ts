import type { ModelId } from "../models/registry";

/**
 * A prompt that shows what a model does well (Chinese lettering, classical scenes, posters and signs), with
 * the model it was written for. Each catalogue holds its own language's list (`common.exampleList`), so a
 * page carries only the examples it shows.
 */
export type ExamplePrompt = { readonly title: string; readonly prompt: string; readonly model: ModelId };
