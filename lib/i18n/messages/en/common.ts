/** English text shared by every page: the theme and language menus. Plain strings, `{name}` placeholders. */
export const common = {
  theme: "Theme",
  themes: { system: "System", light: "Light", dark: "Dark" },
  language: "Language",
  examples: "Try an example",
  examplesHelp: "Fills the prompt and picks a model that does it well.",
  examplesPlaceholder: "Choose an example…",
};
