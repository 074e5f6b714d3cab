"use client";

import { useEffect, useState } from "react";
import { AnswerNotices } from "@/components/history/gateway-report";
import { SettingsList } from "@/components/history/settings-list";
import { useLocale, useMessages, useRuleText } from "@/components/i18n/i18n-provider";
import { Presentation } from "@/components/lazy";
import { Button } from "@/components/ui/button";
import { buttonLinkClass } from "@/components/ui/link-class";
import { LocalTime } from "@/components/ui/local-time";
import { heightCap } from "@/components/ui/height-cap";
import { mendStoredImages } from "@/components/ui/retry-stored-images";
import { blindText, columnLabel, isHidden } from "@/lib/compare/column-label";
import type { ComparisonView, GenerationView } from "@/lib/generation/view";
import { sharedRevisedPrompt } from "@/lib/generation/shared-revised";
import { format, plural } from "@/lib/i18n/format";
import { modelName } from "@/lib/models/model-name";
import { BeforeAfter } from "@/components/edit/before-after";
import type { PublicShare } from "@/lib/share/public-share";
import { isBatchRequest, isGridRequest } from "@/lib/generation/set-kind";
import { PricesContext } from "@/components/pricing/prices";
import type { PagePrices } from "@/lib/pricing/money-style";
import { blindLabel } from "@/lib/compare/column-label";
import type { HiddenComparison, PublicItem } from "@/lib/compare/hidden-comparison";
import { LanguageSwitch } from "@/components/ui/language-switch";
import { ThemeSwitch } from "@/components/ui/theme-switch";
import { excerpt } from "@/lib/text/well-formed";
import { setColumnNames } from "@/lib/generation/set-names";

/** Shared items, read-only: images, prompts, revised prompts and settings, and a way to continue from each. */
export function SharedView({ share, prices }: { share: PublicShare; prices: PagePrices }) {
  const t = useMessages().share;
  const locale = useLocale();
  const [presenting, setPresenting] = useState(false);
  useEffect(mendStoredImages, []);
  return (
    <PricesContext value={prices}>
    <main className="mx-auto max-w-6xl space-y-6 px-4 py-6">
      <header className="flex flex-wrap items-center justify-between gap-3">
        <div>
          {/* Not upper-cased as the other small headings are: it names OneToken, which is written so. */}
          <p className="text-xs font-semibold text-slate-500 dark:text-slate-400">{t.from}</p>
          <h1 className="text-xl font-bold">{share.title || t.title}</h1>
          <p className="text-sm text-slate-500 dark:text-slate-400">
            {t.sharedOn} <LocalTime value={share.createdAt} />
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <Button variant="primary" onClick={() => setPresenting(true)} disabled={share.items.length === 0} className="whitespace-nowrap">
            {t.present}
          </Button>
          <a href="/" className={`${buttonLinkClass} whitespace-nowrap`}>
            {t.playground}
          </a>
          <ThemeSwitch />
          <LanguageSwitch />
        </div>
      </header>
      {share.missing > 0 && (
        <p role="note" className="rounded-md border border-amber-300 dark:border-amber-700 bg-amber-50 dark:bg-amber-950/40 p-3 text-sm text-amber-900 dark:text-amber-200">
          {plural(locale, t.missing, share.missing)}
        </p>
      )}
      {share.held > 0 && (
        <p role="note" className="rounded-md border border-amber-300 dark:border-amber-700 bg-amber-50 dark:bg-amber-950/40 p-3 text-sm text-amber-900 dark:text-amber-200">
          {plural(locale, t.held, share.held)}
        </p>
      )}
      {share.items.map((item) => (
        <SharedItem key={item.id} item={item} />
      ))}
      {presenting && <Presentation items={share.items} onClose={() => setPresenting(false)} />}
    </main>
    </PricesContext>
  );
}

function SharedItem({ item }: { item: PublicItem }) {
  const t = useMessages().share;
  const kind = item.kind === "generation" ? "generation" : "comparison";
  // A grid and a batch are comparisons on record, and said as what they are.
  const called = kind === "comparison" && isGridRequest(item.request) ? "grid" : kind === "comparison" && isBatchRequest(item.request) ? "batch" : kind;
  return (
    <article aria-label={format(t.item[called], { prompt: excerpt(item.request.prompt, 60) })} className="space-y-3 rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-4 shadow-sm">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <section className="min-w-0 flex-1">
          <h2 className="text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">{t.prompt}</h2>
          <p className="whitespace-pre-wrap text-sm">{item.request.prompt}</p>
        </section>
        <a href={`/?open=${kind}:${item.id}`} className={buttonLinkClass}>
          {t.open}
        </a>
      </div>
      {item.kind === "generation" ? (
        <SharedGeneration generation={item} />
      ) : item.kind === "comparison" ? (
        <SharedComparison comparison={item} />
      ) : (
        <SharedHiddenComparison comparison={item} />
      )}
    </article>
  );
}

/** What a column or a generation shows: its images with their revised prompts, or why it has none. */
type Shown = Pick<GenerationView, "images" | "status" | "input"> & { readonly prompt: string; readonly error: string | null };

const shown = (generation: GenerationView): Shown => ({ ...generation, prompt: generation.request.prompt, error: generation.error?.message ?? null });

/** `hidden`: a blind comparison's column, whose revised prompts wait for the reveal. */
function Images({ generation, label, describe = (text) => text, hidden = false }: { generation: Shown; label: string; describe?: (text: string) => string; hidden?: boolean }) {
  const { share: t, present, history } = useMessages();
  const ruleText = useRuleText();
  if (generation.images.length === 0) {
    return <p className="text-sm text-slate-500 dark:text-slate-400">{describe(generation.error ? ruleText(generation.error) : present.slides.noImage[generation.status])}</p>;
  }
  // Blind, each image says its revised prompt waits for the reveal; one all images share is said once, under them.
  const shared = hidden ? null : sharedRevisedPrompt(generation.images);
  const revised = (text: string, heading: string) => (
    <>
      <p className="text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">{heading}</p>
      <p className="whitespace-pre-wrap text-sm text-slate-800 dark:text-slate-200">{text || <span className="italic text-slate-500 dark:text-slate-400">{hidden ? t.revisedHidden : t.noRevised}</span>}</p>
    </>
  );
  return (
    <div className="space-y-3">
      <ul className="grid gap-3">
        {generation.images.map((image, index) => (
          <li key={image.id} className="space-y-1">
            {/* An edit is shown as it is in the history: its input under the result, with the slider between. */}
            {generation.input && <BeforeAfter before={generation.input} after={image} index={index} count={generation.images.length} prompt={generation.prompt} />}
            <a href={image.src} target="_blank" rel="noreferrer" className={generation.input ? "text-xs font-medium text-indigo-700 dark:text-indigo-300 underline" : "block"}>
              {generation.input ? (
                format(t.openFull, { n: index + 1 })
              ) : (
                // eslint-disable-next-line @next/next/no-img-element -- stored thumbnails served by the app
                <img src={image.thumbSrc} width={image.width} height={image.height} loading="lazy" alt={format(t.imageAlt, { label, n: index + 1, prompt: excerpt(generation.prompt, 100) })} className="mx-auto block h-auto w-full rounded-md border border-slate-200 dark:border-slate-700" style={heightCap(image)} />
              )}
            </a>
            {shared === null && revised(image.revisedPrompt, t.revised)}
          </li>
        ))}
      </ul>
      {shared !== null && <div className="space-y-1">{revised(shared, format(history.image.revisedPromptAll, { count: generation.images.length }))}</div>}
    </div>
  );
}

function SharedGeneration({ generation }: { generation: GenerationView }) {
  return (
    <div className="grid items-start gap-4 md:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <Images generation={shown(generation)} label={modelName(generation.request.model)} />
      <div className="space-y-3">
        <AnswerNotices notices={generation.notices} />
        <SettingsList generation={generation} />
      </div>
    </div>
  );
}

function SharedComparison({ comparison }: { comparison: ComparisonView }) {
  const messages = useMessages();
  const { blindModel } = messages.compare;
  const hidden = isHidden(comparison);
  // A grid's cells are named by where they sit ("Seed: 7 · Model: Wan 2.6"), a batch's rows by line, a comparison's columns by model.
  const names = setColumnNames(comparison, { ...messages.grid, row: messages.batch.card.row });
  const label = (index: number) => names?.[index] ?? columnLabel(comparison, index, blindModel);
  return (
    <ol className="grid gap-4" style={{ gridTemplateColumns: `repeat(auto-fit, minmax(220px, 1fr))` }}>
      {comparison.columns.map((column, index) => (
        <li key={column.generation.id} aria-label={label(index)} className="space-y-2 rounded-md border border-slate-200 dark:border-slate-700 p-3">
          <h3 className="text-sm font-semibold">{label(index)}</h3>
          <Images generation={shown(column.generation)} label={label(index)} describe={(text) => blindText(comparison, text, blindModel)} />
          {!hidden && <AnswerNotices notices={column.generation.notices} />}
          {!hidden && <SettingsList generation={column.generation} />}
        </li>
      ))}
    </ol>
  );
}

/** A blind comparison not yet revealed: labels, images and states only, as the server sent them. */
function SharedHiddenComparison({ comparison }: { comparison: HiddenComparison }) {
  const { blindModel } = useMessages().compare;
  return (
    <ol className="grid gap-4" style={{ gridTemplateColumns: `repeat(auto-fit, minmax(220px, 1fr))` }}>
      {comparison.columns.map((column, index) => (
        <li key={column.id} aria-label={blindLabel(index, blindModel)} className="space-y-2 rounded-md border border-slate-200 dark:border-slate-700 p-3">
          <h3 className="text-sm font-semibold">{blindLabel(index, blindModel)}</h3>
          <Images generation={{ ...column, input: null, prompt: comparison.request.prompt }} label={blindLabel(index, blindModel)} hidden />
        </li>
      ))}
    </ol>
  );
}
