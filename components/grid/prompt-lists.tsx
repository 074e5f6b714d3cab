"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useLocale, useMessages, useRuleText } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { describedBy, Field, inputClass } from "@/components/ui/field";
import { promptListsQuery, useDeletePromptList, useSavePromptList } from "@/lib/api/grids";
import { safeParse } from "zod/mini";
import { itemsFromLines, promptListSchema } from "@/lib/grid/prompt-list";
import { format, plural } from "@/lib/i18n/format";
import { ConfirmButton } from "@/components/ui/confirm-button";

/** The playground's named lists (`__name__` in a prompt): shown, edited, saved and deleted for everyone. */
export function PromptLists() {
  const t = useMessages().grid.form;
  const locale = useLocale();
  const ruleText = useRuleText();
  const lists = useQuery(promptListsQuery());
  const save = useSavePromptList();
  const remove = useDeletePromptList();
  const [name, setName] = useState("");
  const [items, setItems] = useState("");
  const [saved, setSaved] = useState<string | null>(null);
  // The route's own rules, said at their field before anything is sent.
  const [problems, setProblems] = useState<{ name?: string; items?: string }>({});
  // The list last opened here to be edited: saved under its own name, it is an edit, not a clash.
  const [opened, setOpened] = useState<string | null>(null);
  const typedName = name.trim();
  const existing = lists.data?.find((list) => list.name === typedName);
  // Lists are shared: saving over another's list (one not opened here, with other items) asks first.
  const clash = existing && opened !== typedName && existing.items.join("\n") !== itemsFromLines(items).join("\n") ? existing : null;
  const saveList = () => {
    if (save.isPending) return;
    const list = { name: typedName, items: itemsFromLines(items) };
    const issues = safeParse(promptListSchema, list).error?.issues ?? [];
    const at = (field: "name" | "items") => issues.find((issue) => issue.path[0] === field)?.message;
    const found = { ...(at("name") && { name: at("name") }), ...(at("items") && { items: at("items") }) };
    setProblems(found);
    if (issues.length === 0)
      save.mutate(list, {
        onSuccess: (done) => {
          setSaved(done.name);
          setOpened(done.name);
        },
      });
  };
  const error = save.error ?? remove.error ?? lists.error;

  return (
    <details className="rounded-md border border-slate-200 dark:border-slate-700 p-3">
      <summary className="cursor-pointer text-sm font-medium text-slate-800 dark:text-slate-200">
        {t.lists} ({lists.data?.length ?? 0})
      </summary>
      <div className="mt-2 space-y-3">
        <p className="text-xs text-slate-500 dark:text-slate-400">{t.listsHelp}</p>
        {lists.data && lists.data.length === 0 && <p className="text-sm text-slate-500 dark:text-slate-400">{t.noLists}</p>}
        <ul className="space-y-1">
          {lists.data?.map((list) => (
            <li key={list.name} className="flex items-start justify-between gap-2 text-sm">
              <button
                type="button"
                className="min-w-0 text-left underline decoration-dotted"
                onClick={() => {
                  setName(list.name);
                  setItems(list.items.join("\n"));
                  setSaved(null);
                  setOpened(list.name);
                }}
              >
                <code>__{list.name}__</code> <span className="text-slate-500 dark:text-slate-400">{list.items.slice(0, 6).join(", ")}{list.items.length > 6 ? "…" : ""}</span>
              </button>
              {/* Shared by everyone who uses the playground, and not to be undone: asked first. */}
              <ConfirmButton
                label={t.deleteShort}
                name={format(t.deleteList, { name: list.name })}
                question={format(t.deleteListQuestion, { name: list.name })}
                yes={t.deleteListYes}
                no={t.deleteListNo}
                variant="danger"
                disabled={remove.isPending}
                // Its row goes: the focus goes to the list editor's name, where the next list is written.
                onConfirm={() => remove.mutate(list.name, { onSuccess: () => document.getElementById("grid-list-name")?.focus() })}
              />
            </li>
          ))}
        </ul>
        <Field id="grid-list-name" label={t.listName} error={problems.name}>
          <input
            id="grid-list-name"
            className={inputClass}
            value={name}
            aria-invalid={problems.name !== undefined}
            aria-describedby={describedBy("grid-list-name", false, problems.name !== undefined)}
            onChange={(event) => {
              // Kept as typed: a space in a name is said wrong at Save, not taken away unseen.
              setName(event.target.value);
              setProblems(({ name: _, ...rest }) => rest);
            }}
            // Enter saves the list (the grid's form around it takes no plain Enter).
            onKeyDown={(event) => {
              // Not the Enter that ends an input method's composing (a Chinese name being typed).
              if (event.key !== "Enter" || event.nativeEvent.isComposing || event.ctrlKey || event.metaKey || typedName === "") return;
              // Over another's list, Enter asks as the button does.
              if (clash) document.getElementById("grid-list-save")?.click();
              else saveList();
            }}
          />
        </Field>
        <Field id="grid-list-items" label={t.listItems} error={problems.items}>
          <textarea
            id="grid-list-items"
            rows={4}
            className={inputClass}
            value={items}
            aria-invalid={problems.items !== undefined}
            aria-describedby={describedBy("grid-list-items", false, problems.items !== undefined)}
            onChange={(event) => {
              setItems(event.target.value);
              setProblems(({ items: _, ...rest }) => rest);
            }}
          />
        </Field>
        {clash ? (
          <ConfirmButton
            id="grid-list-save"
            label={t.saveList}
            question={plural(locale, t.replaceListQuestion, clash.items.length, { name: clash.name })}
            yes={t.replaceListYes}
            no={t.deleteListNo}
            disabled={save.isPending}
            onConfirm={saveList}
          />
        ) : (
          <Button id="grid-list-save" disabled={save.isPending || typedName === ""} onClick={saveList}>
            {t.saveList}
          </Button>
        )}
        <p role="status" className="text-xs text-emerald-700 dark:text-emerald-300">
          {saved && !save.isPending ? format(t.listSaved, { name: saved }) : ""}
        </p>
        {error && (
          <p role="alert" className="text-xs font-medium text-red-700 dark:text-red-300">
            {ruleText(error.message)}
          </p>
        )}
      </div>
    </details>
  );
}
