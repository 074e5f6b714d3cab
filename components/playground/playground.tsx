"use client";

import { SAME_SUBMIT_MS } from "@/components/playground/submit-area";
import { useQueryClient } from "@tanstack/react-query";
import { Suspense, useEffect, useRef, useState } from "react";
import type { CompareLoad } from "@/components/compare/compare-form";
import type { SeedChoice } from "@/components/history/actions";
import { GatewayInfoContext } from "@/components/history/gateway-info";
import { PricesContext } from "@/components/pricing/prices";
import type { PagePrices } from "@/lib/pricing/money-style";
import { useMessages, useRuleText } from "@/components/i18n/i18n-provider";
import { History } from "@/components/history/history";
import type { EditLoad } from "@/components/edit/edit-form";
import { BatchForm, CompareForm, ConnectionCheck, EditForm, GridForm, preloadCards, Presentation } from "@/components/lazy";
import type { BatchLoad } from "@/components/batch/batch-form";
import { useCreateBatch } from "@/lib/api/batches";
import type { GridLoad } from "@/components/grid/grid-form";
import { useCreateGrid } from "@/lib/api/grids";
import { isBatch, isGrid, isModelComparison } from "@/lib/generation/set-kind";
import { apiFetch } from "@/lib/api/client";
import { useCreateComparison } from "@/lib/api/comparisons";
import { useCreateEdit } from "@/lib/api/edits";
import { generationKeys, useCreateGeneration } from "@/lib/api/generations";
import type { Usage } from "@/lib/api/limits";
import { useLiveHistory } from "@/lib/api/live";
import { format } from "@/lib/i18n/format";
import type { GatewayInfo } from "@/lib/generation/as-code";
import { isEditRequest, type GenerationView, type HistoryItem } from "@/lib/generation/view";
import type { EditRequest } from "@/lib/edit/edit-request";
import type { LoadOrigin } from "@/lib/forms/load-origin";
import type { ShareEntry } from "@/lib/store/types";
import { LanguageSwitch } from "@/components/ui/language-switch";
import { ThemeSwitch } from "@/components/ui/theme-switch";
import { CONFIRM_ABOVE } from "./confirm-above";
import { GenerateForm, type FormApi } from "./generate-form";
import { ModeTabs, type Mode } from "./mode-tabs";
import { UsageBar } from "./usage-bar";
import { useKeepDroppedFiles } from "./use-keep-dropped-files";
import { DemoContext } from "./demo-mode";
import { rememberedMode, rememberMode } from "./use-draft";


/**
 * The element the first paint waits for, placed after the header and the form's column. Chromium lets the page
 * paint as soon as the named element is inserted, not once it is parsed whole (seen with the HTML held back in
 * the middle of the form): a mark after what must be whole serves either reading of the rule.
 */
const FIRST_SCREEN_PARSED = "first-screen-parsed";

export function Playground({
  offline,
  gated,
  gateway,
  prices,
  usage,
  open,
}: {
  offline: boolean;
  gated: boolean;
  gateway: GatewayInfo;
  /** The deployment's prices, for every estimate of what a run costs. */
  prices: PagePrices;
  /** Today's usage as the page was rendered (null if it could not be read then). */
  usage: Usage | null;
  /** A history item to continue from (a share page's "Open in playground"). */
  open: ShareEntry | null;
}) {
  const messages = useMessages();
  const t = messages.playground;
  useLiveHistory();
  useKeepDroppedFiles();
  // The server's refusals and errors are English; shown in the interface's language where known.
  const ruleText = useRuleText();
  const form = useRef<FormApi>(null);
  const lastRetry = useRef<{ id: string; at: number } | null>(null);
  const [mode, setMode] = useState<Mode>(open?.kind === "comparison" ? "compare" : "single");
  const [compareUsed, setCompareUsed] = useState(mode === "compare");
  const [compareLoad, setCompareLoad] = useState<CompareLoad | null>(null);
  const [gridUsed, setGridUsed] = useState(false);
  const [gridLoad, setGridLoad] = useState<GridLoad | null>(null);
  const [batchUsed, setBatchUsed] = useState(false);
  const [batchLoad, setBatchLoad] = useState<BatchLoad | null>(null);
  const [editUsed, setEditUsed] = useState(false);
  const [editLoad, setEditLoad] = useState<EditLoad | null>(null);
  const switchMode = (next: Mode) => {
    setMode(next);
    if (next === "compare") setCompareUsed(true);
    if (next === "grid") setGridUsed(true);
    if (next === "batch") setBatchUsed(true);
    if (next === "edit") setEditUsed(true);
  };
  const [presenting, setPresenting] = useState<readonly HistoryItem[] | null>(null);
  const [checking, setChecking] = useState(false);
  const [openError, setOpenError] = useState<string | null>(null);
  const create = useCreateGeneration();
  const compare = useCreateComparison();
  const grid = useCreateGrid();
  const batch = useCreateBatch();
  const edit = useCreateEdit();
  /** A run about to start brings its card's code along while the gateway works (an empty history has loaded none). */
  const spend = <Request,>(mutate: (request: Request) => void) => (request: Request) => {
    preloadCards();
    mutate(request);
  };
  const client = useQueryClient();

  const toEditForm = (load: EditLoad) => {
    switchMode("edit");
    setEditLoad(load);
  };

  /** A past edit's settings and input back in the edit form; `confirm` puts the cost question for a rerun. */
  const loadEdit = (generation: GenerationView, request: EditRequest, confirm = false, origin: LoadOrigin = "history") => {
    if (generation.input) toEditForm({ kind: "settings", input: generation.input, request, confirm, origin });
  };

  /**
   * An item's settings back in the form it came from, with the seed it used (to make it again) or a random one.
   * `origin`: where the item was opened from, said in the form's note.
   */
  const load = (item: HistoryItem, seed: SeedChoice = "used", origin: LoadOrigin = "history") => {
    const seeded = <Request extends { seed: number | null }>(request: Request): Request => ({ ...request, seed: seed === "used" ? (item.seed ?? request.seed) : null });
    if (item.kind === "comparison") {
      if (isBatch(item)) {
        switchMode("batch");
        // "used": each row's seed as it was sent; "new": none, so the batch picks its one seed again.
        setBatchLoad({ name: item.request.prompt, requests: item.columns.map(({ generation }) => ({ ...generation.request, seed: seed === "used" ? (generation.seed ?? generation.request.seed) : null })), origin });
      } else if (isGrid(item)) {
        switchMode("grid");
        setGridLoad({ request: seeded(item.request), origin });
      } else if (isModelComparison(item)) {
        switchMode("compare");
        setCompareLoad({ request: seeded(item.request), origin });
      }
    } else if (isEditRequest(item.request)) loadEdit(item, seeded(item.request), false, origin);
    else {
      switchMode("single");
      form.current?.load(seeded(item.request), origin);
    }
  };

  // The tab comes back to the mode it was in (its form's draft with it), unless it opens an item.
  useEffect(() => {
    const kept = open ? null : rememberedMode();
    if (kept) switchMode(kept);
    // Once, as the page starts.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  useEffect(() => rememberMode(mode), [mode]);

  useEffect(() => {
    if (!open) return;
    // The address goes back to plain "/" so a reload does not load the same item over the user's edits.
    window.history.replaceState(null, "", "/");
    apiFetch<HistoryItem>(`/api/${open.kind === "generation" ? "generations" : "comparisons"}/${encodeURIComponent(open.id)}`).then((item) => load(item, "used", "share"), (error: unknown) =>
      setOpenError(format(t.openError, { error: ruleText(error instanceof Error ? error.message : String(error)) })),
    );
    // Once, for the item the page was opened with.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // The list holds what each item was when listed; the cards keep following running ones in their own
  // queries, so a presentation takes the newest copy of each.
  const present = (items: readonly HistoryItem[]) =>
    setPresenting(
      items.map((item) => client.getQueryData<HistoryItem>(item.kind === "generation" ? generationKeys.one(item.id) : generationKeys.comparison(item.id)) ?? item),
    );

  return (
    <GatewayInfoContext value={gateway}>
    <DemoContext value={offline}>
    <PricesContext value={prices}>
      <div className="mx-auto max-w-7xl space-y-4 px-4 py-6">
        {/*
         * The first paint waits until the header and the form's column have been parsed (React puts this link in
         * the head). A slow device otherwise paints the page half parsed, and what is parsed next moves it: the
         * header's note moved to its own line, buttons grew, a size's label gained its second line
         * (docs/first-screen.md).
         */}
        <link rel="expect" href={`#${FIRST_SCREEN_PARSED}`} blocking="render" />
        <SkipLinks mode={mode} />
        <header className="flex flex-wrap items-center justify-between gap-2">
          <h1 className="text-xl font-bold">{t.title}</h1>
          <UsageBar gated={gated} initial={usage} />
          <ThemeSwitch />
          <LanguageSwitch />
          {/* Where the images come from, and a way to check that it answers (the check's full name is its label). */}
          <p
            role="note"
            className={`flex items-center gap-2 rounded-md px-3 py-1.5 text-sm ${
              offline
                ? "border border-amber-300 dark:border-amber-700 bg-amber-50 dark:bg-amber-950/40 font-medium text-amber-900 dark:text-amber-200"
                : "bg-emerald-50 dark:bg-emerald-950/40 text-emerald-800 dark:text-emerald-200"
            }`}
          >
            <span>{offline ? t.offline : t.connected}</span>
            <button type="button" onClick={() => setChecking(true)} aria-label={messages.check.open} className="shrink-0 font-normal underline">
              {messages.check.openShort}
            </button>
          </p>
        </header>
        {openError && (
          <p role="alert" className="rounded-md border border-red-200 dark:border-red-800 bg-red-50 dark:bg-red-950/40 p-3 text-sm text-red-800 dark:text-red-200">
            {openError}
          </p>
        )}
        <main className="grid grid-cols-1 gap-6 lg:grid-cols-[420px_minmax(0,1fr)]">
          <div className="space-y-4 rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-4 shadow-sm lg:sticky lg:top-4 lg:max-h-[calc(100vh-2rem)] lg:self-start lg:overflow-y-auto">
            <ModeTabs value={mode} onChange={switchMode} />
            {/* Both stay mounted, so switching modes loses nothing typed in either. */}
            <div hidden={mode !== "single"}>
              <GenerateForm
                ref={form}
                onGenerate={spend(create.mutate)}
                submitError={create.error ? format(t.generateError, { error: ruleText(create.error.message) }) : null}
                submitFields={create.error?.fields}
                submitting={create.isPending}
              />
            </div>
            <div hidden={mode !== "compare"}>
              {compareUsed && (
              <CompareForm
                load={compareLoad}
                onCompare={spend(compare.mutate)}
                submitError={compare.error ? format(t.compareError, { error: ruleText(compare.error.message) }) : null}
                submitFields={compare.error?.fields}
                submitting={compare.isPending}
              />
              )}
            </div>
            <div hidden={mode !== "grid"}>
              {gridUsed && (
                <GridForm
                  load={gridLoad}
                  onRun={spend(grid.mutate)}
                  submitError={grid.error ? format(t.gridError, { error: ruleText(grid.error.message) }) : null}
                  submitFields={grid.error?.fields}
                  submitting={grid.isPending}
                />
              )}
            </div>
            <div hidden={mode !== "batch"}>
              {batchUsed && (
                <BatchForm
                  load={batchLoad}
                  onRun={spend(batch.mutate)}
                  submitError={batch.error ? format(t.batchError, { error: ruleText(batch.error.message) }) : null}
                  submitting={batch.isPending}
                />
              )}
            </div>
            <div hidden={mode !== "edit"}>
              {editUsed && (
                <EditForm
                  load={editLoad}
                  onEdit={spend(edit.mutate)}
                  submitError={edit.error ? format(t.editError, { error: ruleText(edit.error.message) }) : null}
                  submitFields={edit.error?.fields}
                  submitting={edit.isPending}
                />
              )}
            </div>
          </div>
          <span id={FIRST_SCREEN_PARSED} hidden />
          {/*
            The history hydrates as a boundary of its own, after the rest: a second short task instead of one
            long one. Not the form: the page loads settings into it (a share's "Open in playground") as soon as
            the page itself is hydrated, so it must be hydrated with it.
          */}
          <Suspense>
          <History
            actions={{
              reuseSettings: load,
              reuseSeed: (seed, from) => {
                if (isEditRequest(from.request)) return toEditForm({ kind: "patch", patch: { seed } });
                switchMode("single");
                form.current?.setSeed(seed);
              },
              usePrompt: (prompt, from) => {
                if (isEditRequest(from.request)) return toEditForm({ kind: "patch", patch: { prompt } });
                switchMode("single");
                form.current?.setPrompt(prompt);
              },
              retry: (generation) => {
                // A double click on a card's Retry is one retry: the card stays (it failed), so its button does too.
                const now = performance.now();
                if (lastRetry.current?.id === generation.id && now - lastRetry.current.at < SAME_SUBMIT_MS) return;
                lastRetry.current = { id: generation.id, at: now };
                if (isEditRequest(generation.request)) {
                  // As a generation's retry: run at once, unless it is big enough to ask first.
                  if (generation.request.n > CONFIRM_ABOVE) return loadEdit(generation, generation.request, true);
                  // The edit form is where a refusal of it would show.
                  switchMode("edit");
                  return edit.mutate(generation.request);
                }
                switchMode("single");
                form.current?.generate(generation.request);
              },
              // The edit form's input picker takes it, so a newer upload or paste wins over it.
              editImage: (image) => toEditForm({ kind: "result", imageId: image.id }),
              present,
            }}
          />
          </Suspense>
        </main>
      </div>
      {presenting && <Presentation items={presenting} onClose={() => setPresenting(null)} />}
      {checking && <ConnectionCheck onClose={() => setChecking(false)} />}
    </PricesContext>
    </DemoContext>
    </GatewayInfoContext>
  );
}

/** Each mode's prompt (the batch's: its lines), where "Skip to the prompt" goes. */
const PROMPT_OF: Record<Mode, string> = { single: "prompt", compare: "compare-prompt", grid: "grid-prompt", batch: "batch-text", edit: "edit-prompt" };

/** The first stops of the keyboard: straight to the prompt of the mode on screen, or past the whole form to the history. */
function SkipLinks({ mode }: { mode: Mode }) {
  const t = useMessages().playground.skip;
  const link = "sr-only rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white focus:not-sr-only focus:absolute focus:left-4 focus:top-2 focus:z-50";
  const jump = (id: string) => (event: React.MouseEvent) => {
    const target = document.getElementById(id);
    if (!target) return;
    event.preventDefault();
    // The history is written apart and put in its place just after the first paint (docs/first-screen.md):
    // a skip taken before that waits for it, a few frames, as a hidden element takes no focus.
    const arrive = (frames: number) => {
      if (target.closest("[hidden]") && frames > 0) {
        requestAnimationFrame(() => arrive(frames - 1));
        return;
      }
      target.scrollIntoView({ block: "start" });
      target.focus();
    };
    arrive(60);
  };
  return (
    <nav aria-label={t.label}>
      <a href={`#${PROMPT_OF[mode]}`} onClick={jump(PROMPT_OF[mode])} className={link}>
        {t.prompt}
      </a>
      <a href="#history-heading" onClick={jump("history-heading")} className={link}>
        {t.history}
      </a>
    </nav>
  );
}
