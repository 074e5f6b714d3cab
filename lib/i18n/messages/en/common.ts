import type { ExamplePrompt } from "../../examples";

/** English text shared by every page: the theme and language menus, the example prompts. Plain data. */
export const common: {
  theme: string;
  themes: Record<"system" | "light" | "dark", string>;
  language: string;
  examples: string;
  examplesHelp: string;
  examplesUse: string;
  showMore: string;
  showLess: string;
  /** The button's visible word; examplesUse is its full name. */
  examplesUseShort: string;
  /** Said when an example took the place of a prompt the user had typed, with the way back. */
  examplesReplaced: string;
  examplesUndo: string;
  /** Said when settings taken from the history (Reuse settings, a revised prompt, a retry) took the place of typed work. */
  formReplaced: string;
  /** Said over a comparison's, grid's or batch's form once a run's settings are put in it: where they came from. */
  setLoaded: { history: string; share: string };
  exampleList: readonly ExamplePrompt[];
  /** The page for an address that leads nowhere: mistyped, or a share or vote link cut short. */
  notFound: { pageTitle: string; title: string; body: string; back: string };
  /** In place of a page whose server could not reach its database (a restart, a failover): the sentence itself is the API's, from the rules. */
  unreached: { title: string; retry: string };
  /** A Cancel the server refused (the session ran out, the network dropped): said beside it. */
  cancelRefused: string;
  /** Why a button does nothing while its own request is on its way (it keeps the focus meanwhile). */
  working: string;
  /** In place of a part loaded when first shown (a form, a dialog) whose code could not be fetched. */
  partUnloaded: string;
  partRetry: string;
  /** Closes the note that stands for a dialog. */
  partClose: string;
} = {
  theme: "Theme",
  themes: { system: "System", light: "Light", dark: "Dark" },
  language: "Language",
  examples: "Try an example",
  examplesHelp: "Fills the prompt and picks a model that does it well.",
  examplesUse: "Use this example",
  showMore: "Show more",
  showLess: "Show less",
  examplesUseShort: "Use",
  examplesReplaced: "The example took the place of your prompt and settings.",
  examplesUndo: "Put mine back",
  formReplaced: "What you had typed was replaced.",
  setLoaded: { history: "Settings loaded from the history.", share: "Settings loaded from the shared link." },
  cancelRefused: "Not stopped: {error}",
  working: "Working on it…",
  partUnloaded: "This part could not be loaded (the connection failed or the playground was updated).",
  partRetry: "Try again",
  partClose: "Close",
  notFound: {
    pageTitle: "404 · OneToken Image Playground",
    title: "Nothing here",
    body: "This address leads to no page. If it came as a shared or voting link, check that it was copied whole.",
    back: "Go to the playground",
  },
  unreached: { title: "The playground is briefly unavailable", retry: "Try again" },
  exampleList: [
    {
      title: "Poster with Chinese calligraphy",
      model: "qwen-image-max",
      prompt: "A spring tea festival poster, the title “春茶节” in flowing brush calligraphy at the top, cherry blossoms, a celadon teapot, soft morning light, clean layout with generous margins",
    },
    {
      title: "Classical Chinese landscape",
      model: "wan2.6-t2i",
      prompt: "A classical Chinese shan shui ink painting: misty layered mountains, a lone fisherman in a small boat on a calm river, old pines, a red seal stamp in the corner, rice paper texture",
    },
    {
      title: "Shop sign at night, in two languages",
      model: "qwen-image-2.0-pro",
      prompt: "A neon shop sign reading “Noodle House 面馆” above a narrow street in Chengdu on a rainy night, reflections on wet stone, steam from a kitchen window, cinematic",
    },
    {
      title: "Spring Festival couplets",
      model: "qwen-image-plus",
      prompt: "Red Spring Festival couplets on an old wooden door, the left one reading “春回大地”, the right one “福满人间”, a “福” sign in the middle, red lanterns, warm evening light",
    },
    {
      title: "Product photo",
      model: "wan2.6-t2i",
      prompt: "Studio product photo of a celadon porcelain teacup on natural linen, soft window light from the left, shallow depth of field, muted colours",
    },
  ],
};
