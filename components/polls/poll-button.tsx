import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { CopyButton } from "@/components/history/copy-button";
import { useLocale, useMessages, useRuleText } from "@/components/i18n/i18n-provider";
import { useSubmitOnce } from "@/components/playground/submit-area";
import { TextCounter } from "@/components/playground/text-counter";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { Field, inputClass } from "@/components/ui/field";
import { useFocusWhen } from "@/components/ui/use-focus-when";
import { useHydrated } from "@/components/ui/use-hydrated";
import { useLive } from "@/lib/api/live";
import { pollQuery, pollsOfSetQuery, useClosePoll, useCreatePoll, useDeletePoll } from "@/lib/api/polls";
import type { ComparisonView } from "@/lib/generation/view";
import { format, plural } from "@/lib/i18n/format";
import { leftOutLines } from "@/lib/polls/left-out-lines";
import { POLL_TITLE_MAX, type PollAccess, type PollReveal } from "@/lib/polls/poll";
import type { PollSummary } from "@/lib/polls/poll-summary";
import { charCount, cutText } from "@/lib/text/well-formed";

/**
 * Makes a blind poll of sets (comparisons of models, grids with a model axis): its title, when voters
 * learn which model was which, and who may vote; then its link to pass on, its counts, and Close.
 */
export function PollButton({ sets, prompt }: { sets: readonly ComparisonView[]; prompt: string }) {
  const messages = useMessages();
  const t = messages.polls.owner;
  const ruleText = useRuleText();
  const create = useCreatePoll();
  const [open, setOpen] = useState(false);
  // Before another poll of one set is made, the ones made of it already (their links, after a reload too).
  const made = useQuery({ ...pollsOfSetQuery(sets[0]?.id ?? ""), enabled: open && sets.length === 1 }).data?.polls ?? [];
  const ids = sets.map((set) => set.id);
  const [title, setTitle] = useState(cutText(prompt, 80));
  const [reveal, setReveal] = useState<PollReveal>("after_vote");
  const [access, setAccess] = useState<PollAccess>("gate");
  const [titleError, setTitleError] = useState<string | null>(null);
  // The route's own rules, loaded when first asked (zod stays off the first screen).
  const titleProblem = async (text: string) => (await import("@/lib/polls/poll-request")).pollRequestSchema.shape.title.safeParse(text).error?.issues[0]?.message ?? null;
  // Settled once the poll is made or refused: a second click before then (a double click's) is the same submit.
  const submit = useSubmitOnce(async () => {
    const problem = await titleProblem(title);
    setTitleError(problem);
    // Its refusal is said from create.error.
    if (!problem) await create.mutateAsync({ title, sets: ids, reveal, access }).catch(() => undefined);
  }, create.isPending);
  // Opening, cancelling and making it each replace the control that was pressed: the focus follows, to the
  // title, back to "Make a poll", or to the new poll's link.
  const makeButton = useRef<HTMLButtonElement>(null);
  const titleInput = useRef<HTMLInputElement>(null);
  const toggled = useRef(false);
  useEffect(() => {
    if (!toggled.current) return;
    (open ? titleInput : makeButton).current?.focus();
  }, [open]);
  const toggle = (next: boolean) => {
    toggled.current = true;
    setOpen(next);
  };
  // Deleted again from its card: the card can make another (the focus goes back to "Make a poll").
  if (create.data) return <PollStatus initial={create.data} focusLink onDeleted={() => { create.reset(); toggle(false); }} />;
  if (!open) return <Button ref={makeButton} onClick={() => toggle(true)}>{t.make}</Button>;
  const id = `poll-${ids.join("-")}`;
  // A column without an image drops out of its item, or its place out of the poll: said before it is made.
  const leftOut = leftOutLines(sets, messages);
  return (
    <form
      aria-label={t.make}
      className="w-full space-y-3 rounded-md border border-slate-200 dark:border-slate-700 p-3"
      // A title left empty, or too long, is said at the title, before anything is sent.
      onSubmit={submit.onSubmit}
    >
      {made.length > 0 && (
        <div className="space-y-2">
          <p className="text-sm font-medium text-slate-800 dark:text-slate-200">{t.already}</p>
          {made.map((summary) => (
            <PollStatus key={summary.id} initial={summary} watch={false} />
          ))}
        </div>
      )}
      {leftOut.length > 0 && (
        <div role="note" aria-labelledby={`${id}-left-out`} className="space-y-1 rounded-md border border-amber-300 dark:border-amber-700 bg-amber-50 dark:bg-amber-950/40 p-2 text-sm">
          <p id={`${id}-left-out`} className="font-medium">{t.leftOut}</p>
          <ul className="list-disc space-y-1 pl-5">
            {/* By place: two sets of one prompt whose same model failed say the same line. */}
            {leftOut.map((line, index) => (
              <li key={index}>{line}</li>
            ))}
          </ul>
        </div>
      )}
      {/* As the prompt: a title too long is never cut (typed or pasted), the count shows by how much. */}
      <Field id={`${id}-title`} label={t.title} error={titleError ?? undefined} aside={<TextCounter id={`${id}-title-count`} length={charCount(title.trim())} max={POLL_TITLE_MAX} />}>
        <input
          ref={titleInput}
          id={`${id}-title`}
          className={inputClass}
          value={title}
          aria-invalid={Boolean(titleError) || charCount(title.trim()) > POLL_TITLE_MAX}
          aria-describedby={`${id}-title-count${titleError ? ` ${id}-title-error` : ""}`}
          onChange={(event) => {
            const text = event.target.value;
            setTitle(text);
            // Once refused, checked again as it is mended.
            if (titleError) void titleProblem(text).then(setTitleError);
          }}
        />
      </Field>
      <Choice legend={t.reveal} name={`${id}-reveal`} value={reveal} onChange={setReveal} options={[["after_vote", t.revealAfterVote], ["on_close", t.revealOnClose]]} />
      <Choice legend={t.access} name={`${id}-access`} value={access} onChange={setAccess} options={[["gate", t.accessGate], ["link", t.accessLink]]} />
      <div className="flex gap-2">
        <Button type="submit" variant="primary" disabled={create.isPending} reason={messages.common.working}>
          {t.create}
        </Button>
        <Button onClick={() => toggle(false)}>{t.cancel}</Button>
      </div>
      {create.error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {format(t.error, { error: ruleText(create.error.message) })}
        </p>
      )}
    </form>
  );
}

function Choice<Value extends string>({ legend, name, value, onChange, options }: { legend: string; name: string; value: Value; onChange: (value: Value) => void; options: ReadonlyArray<readonly [Value, string]> }) {
  return (
    <fieldset className="space-y-1 text-sm">
      <legend className="font-medium text-slate-800 dark:text-slate-200">{legend}</legend>
      {options.map(([option, label]) => (
        <label key={option} className="flex items-center gap-2">
          <input type="radio" name={name} className="accent-indigo-600" checked={value === option} onChange={() => onChange(option)} />
          {label}
        </label>
      ))}
    </fieldset>
  );
}

/** This site's address; on the server (the leaderboard's list is rendered there first) the link is relative until hydrated. */
const useOrigin = () => (useHydrated() ? window.location.origin : "");

/**
 * A poll's link, counts, Close and Delete; `watch`: its counts kept up while it is open, by the live stream or,
 * without it, asked again (one poll, not a list of them).
 */
export function PollStatus({
  initial,
  watch = true,
  focusLink = false,
  onDeleted,
  onChanged,
}: {
  initial: PollSummary;
  watch?: boolean;
  focusLink?: boolean;
  /** Where the card that made the poll takes over once it is deleted; without it, the deletion is said in its place. */
  onDeleted?: () => void;
  /** Told once a close or a delete went through: what counts the poll's votes reads them again. */
  onChanged?: () => void;
}) {
  const { polls, leaderboard } = useMessages();
  const t = polls.owner;
  const { votes } = leaderboard;
  const ruleText = useRuleText();
  const locale = useLocale();
  const close = useClosePoll();
  const remove = useDeletePoll();
  const deleted = remove.isSuccess;
  // Unwatched, the counts stay as the page was loaded (a list of polls would otherwise ask once per poll on every focus).
  const poll = useQuery({ ...pollQuery(initial, useLive()), ...(!watch && { refetchInterval: false as const, staleTime: Infinity }), enabled: !deleted }).data;
  const url = `${useOrigin()}${poll.path}`;
  // Deleted, the buttons go with the poll: the focus goes to the line that says so. Just made: its link, the
  // thing to pass on. Just closed: Close went, so the counts that now say "Closed".
  const gone = useFocusWhen<HTMLParagraphElement>(deleted);
  const link = useFocusWhen<HTMLInputElement>(focusLink);
  const counts = useFocusWhen<HTMLParagraphElement>(close.isSuccess);
  const removed = () => {
    onDeleted?.();
    onChanged?.();
  };
  if (deleted) {
    return (
      <p ref={gone} tabIndex={-1} role="status" className="w-full rounded-md border border-slate-200 dark:border-slate-700 p-3 text-sm outline-none">
        {format(t.deleted, { title: poll.title })}
      </p>
    );
  }
  return (
    <div role="group" aria-labelledby={`poll-title-${poll.id}`} className="w-full space-y-2 rounded-md border border-slate-200 dark:border-slate-700 p-3 text-sm">
      <p id={`poll-title-${poll.id}`} className="font-medium">
        {poll.title}
      </p>
      <label htmlFor={`poll-link-${poll.id}`} className="block text-xs font-medium text-slate-700 dark:text-slate-300">
        {t.link}
      </label>
      <span className="flex items-center gap-2">
        <input ref={link} id={`poll-link-${poll.id}`} readOnly value={url} className={`${inputClass} min-w-0 flex-1`} onFocus={(event) => event.currentTarget.select()} />
        <CopyButton text={url} label={t.copy} />
      </span>
      <p ref={counts} tabIndex={-1} role="status" className="text-xs text-slate-600 dark:text-slate-400 outline-none">
        {plural(locale, t.counts, poll.voters, { votes: plural(locale, votes, poll.votes) })}
        {poll.closedAt !== null && ` · ${t.closed}`}
      </p>
      <div className="flex flex-wrap items-center gap-3">
        {poll.closedAt === null && <ConfirmButton label={t.close} question={t.closeQuestion} yes={t.closeYes} no={t.cancel} onConfirm={() => close.mutate(poll.id, { onSuccess: onChanged })} disabled={close.isPending} />}
        <a href={`/leaderboard?poll=${poll.id}`} className="text-sm font-medium text-indigo-700 dark:text-indigo-300 underline">
          {t.results}
        </a>
        <ConfirmButton label={t.delete} question={t.deleteQuestion} yes={t.deleteYes} no={t.cancel} variant="danger" onConfirm={() => remove.mutate(poll.id, { onSuccess: removed })} disabled={remove.isPending} />
      </div>
      {close.error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {format(t.closeError, { error: ruleText(close.error.message) })}
        </p>
      )}
      {remove.error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {format(t.deleteError, { error: ruleText(remove.error.message) })}
        </p>
      )}
    </div>
  );
}
