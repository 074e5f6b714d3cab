"use client";

import { createContext, use, useMemo, type ReactNode } from "react";
import type { Locale } from "@/lib/i18n/locale";
import type { Messages } from "@/lib/i18n/messages";
import { modelNamer, type ModelName } from "@/lib/models/name-models";
import { translateRuleMessage } from "@/lib/i18n/rule-messages";

const I18nContext = createContext<{ locale: Locale; messages: Messages; models: readonly ModelName[]; nameModels: (text: string) => string } | null>(null);

/**
 * The interface's language for every client component below. The server picks the locale and passes that
 * locale's catalogue down as props, so switching language is a refresh of the server render, not a reload.
 * `models` names the models in the server's sentences (lib/models/model-names.ts).
 */
export function I18nProvider({ locale, messages, models, children }: { locale: Locale; messages: Messages; models: readonly ModelName[]; children: ReactNode }) {
  const nameModels = useMemo(() => modelNamer(models), [models]);
  return <I18nContext value={{ locale, messages, models, nameModels }}>{children}</I18nContext>;
}

const useI18n = () => {
  const value = use(I18nContext);
  if (!value) throw new Error("useMessages outside I18nProvider");
  return value;
};

/** The current language's strings: `const t = useMessages(); t.history.title`. */
export const useMessages = (): Messages => useI18n().messages;

export const useLocale = (): Locale => useI18n().locale;

/**
 * Every model's id and name, generating and editing, each once: as the server hands them to the page, so the
 * first screen names a model without loading the editing registry.
 */
export const useModels = (): readonly ModelName[] => {
  const { models } = useI18n();
  // The first of a model listed by both registries, as the generating registry names it.
  return useMemo(() => models.filter((model, index) => models.findIndex((other) => other.id === model.id) === index), [models]);
};

/** A model's name by its id (its id when no model has it). */
export const useModelName = (): ((id: string) => string) => {
  const models = useModels();
  return (id) => models.find((model) => model.id === id)?.name ?? id;
};

/** Shows a sentence from the shared rules (a refusal, a notice, a plan note) in the interface's language. */
export const useRuleText = (): ((text: string) => string) => {
  const { messages, nameModels } = useI18n();
  // Models by the names people know them by, not their ids.
  return (text) => nameModels(translateRuleMessage(text, messages.rules));
};
