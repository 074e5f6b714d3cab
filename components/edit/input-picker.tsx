import { useEffect, useImperativeHandle, useRef, useState, type DragEvent, type Ref } from "react";
import { useMessages, useRuleText } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { inputFromResult, uploadInput } from "@/lib/api/edits";
import { INPUT_IMAGE_TYPES } from "@/lib/edit/sniff";
import type { UploadRefusal } from "@/lib/edit/upload-plan";
import type { InputImageView } from "@/lib/generation/view";
import { format } from "@/lib/i18n/format";
import type { Messages } from "@/lib/i18n/messages";
import { ANY_EDIT_INPUT } from "@/lib/models/edit-models";
import { aspectLabel, formatSize } from "@/lib/models/size-rules";
import { prepareFile, type PrepareStep } from "./prepare-file";
import { excerpt } from "@/lib/text/well-formed";

export type InputPickerApi = {
  /** Takes a file from outside the drop zone (a paste anywhere in the form). */
  accept(file: File): void;
  /**
   * Takes a result from the history ("Edit this image"); true once it is the input. `otherwise`: the input to
   * put back if the result cannot be taken (the picture a form opening for it held back from its draft).
   */
  takeResult(imageId: string, otherwise?: InputImageView | null): Promise<boolean>;
};

type Status =
  | { readonly kind: "idle" }
  | { readonly kind: "reading" }
  | PrepareStep
  | { readonly kind: "uploading" }
  | { readonly kind: "taking" }
  | { readonly kind: "refused"; readonly refusal: UploadRefusal }
  | { readonly kind: "failed"; readonly from: "upload" | "history"; readonly message: string };

const BUSY: ReadonlySet<Status["kind"]> = new Set(["reading", "scaling", "compressing", "uploading", "taking"]);

/** What the picker is doing, in words; "" when it is not busy. */
const progressText = (status: Status, t: Messages["edit"]["input"]): string => {
  switch (status.kind) {
    case "reading":
      return t.reading;
    case "scaling":
      return format(t.scaling, { from: formatSize(status.from), to: formatSize(status.to) });
    case "compressing":
      return format(t.compressing, { size: formatSize(status.size) });
    case "uploading":
      return t.uploading;
    case "taking":
      return t.taking;
    default:
      return "";
  }
};

const ACCEPTED_TYPES = INPUT_IMAGE_TYPES.join(",");

/** The first image among dropped or pasted files, if any. */
export const firstImage = (files: FileList | null | undefined): File | null =>
  [...(files ?? [])].find((file) => file.type.startsWith("image/") || file.type === "") ?? null;

/**
 * The edit's input image: dropped, pasted or chosen, checked and if need be scaled in the browser, then put
 * on record on the server; or a result from the history. A refusal says why and leaves the previous image in
 * place. Only the latest choice counts, and the form hears while one is under way, so an edit never starts
 * from the image about to be replaced.
 */
export function InputPicker({
  ref,
  value,
  onChange,
  onBusyChange,
  error,
}: {
  ref?: Ref<InputPickerApi>;
  value: InputImageView | null;
  onChange: (input: InputImageView | null) => void;
  onBusyChange: (busy: boolean) => void;
  error: string | undefined;
}) {
  const t = useMessages().edit.input;
  const ruleText = useRuleText();
  const [status, setStatus] = useState<Status>({ kind: "idle" });
  const [dragging, setDragging] = useState(false);
  const chooser = useRef<HTMLInputElement>(null);
  // A newer choice wins over an upload still in flight.
  const latest = useRef<AbortController | null>(null);
  // The input this picker itself just put on record, to tell its own change of `value` from anyone else's.
  const own = useRef<string | null>(null);
  // A choice ends after renders of its own: it hands its input to the form as the form is then, not as it began.
  const onChangeNow = useRef(onChange);
  useEffect(() => {
    onChangeNow.current = onChange;
  });

  // An input set from outside (Reuse settings, Remove) ends whatever this picker was doing or saying; the
  // picker's own choice arriving does not, and is forgotten then, so the same input set again later still does.
  useEffect(() => {
    if (value && value.id === own.current) {
      own.current = null;
      return;
    }
    latest.current?.abort();
    latest.current = null;
    setStatus({ kind: "idle" });
  }, [value]);

  const busy = BUSY.has(status.kind);
  useEffect(() => {
    onBusyChange(busy);
  }, [busy, onBusyChange]);

  /** One way of choosing the input, run to its end unless a newer choice (or one from outside) comes first. */
  const choose = async (
    from: "upload" | "history",
    work: (signal: AbortSignal, show: (status: Status) => void) => Promise<InputImageView | Status>,
    otherwise: InputImageView | null = null,
  ): Promise<boolean> => {
    latest.current?.abort();
    const controller = new AbortController();
    latest.current = controller;
    const show = (next: Status) => {
      if (!controller.signal.aborted) setStatus(next);
    };
    const result = await work(controller.signal, show).catch(
      (failure: unknown): Status => ({ kind: "failed", from, message: failure instanceof Error ? failure.message : String(failure) }),
    );
    if (controller.signal.aborted) return false;
    latest.current = null;
    if ("kind" in result) {
      setStatus(result);
      if (otherwise) {
        // Put back as this picker's own choice, so the failure stays said beside it.
        own.current = otherwise.id;
        onChangeNow.current(otherwise);
      }
      return false;
    }
    setStatus({ kind: "idle" });
    own.current = result.id;
    onChangeNow.current(result);
    return true;
  };

  const accept = (file: File) =>
    choose("upload", async (signal, show) => {
      show({ kind: "reading" });
      const prepared = await prepareFile(file, ANY_EDIT_INPUT, show);
      if (!prepared.ok) return { kind: "refused", refusal: prepared.refusal };
      show({ kind: "uploading" });
      return uploadInput(prepared.blob, prepared.type, signal);
    });

  useImperativeHandle(ref, () => ({
    accept: (file) => void accept(file),
    takeResult: (imageId, otherwise) =>
      choose(
        "history",
        (signal, show) => {
          show({ kind: "taking" });
          return inputFromResult(imageId, signal);
        },
        otherwise,
      ),
  }));

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    // A file that is not an image is still read, to be refused with why: dropped, it was meant as the input.
    const files = event.dataTransfer.files;
    const file = firstImage(files) ?? files[0];
    if (file) void accept(file);
  };

  const problem =
    status.kind === "refused"
      ? format(t.refusals[status.refusal.code], { ...status.refusal })
      : status.kind === "failed"
        ? format(status.from === "upload" ? t.uploadError : t.takeError, { error: ruleText(status.message) })
        : null;
  const caption =
    value &&
    (value.from
      ? format(t.fromHistory, { size: formatSize(value), aspect: aspectLabel(value), prompt: excerpt(value.from.prompt, 60) })
      : format(t.uploaded, { size: formatSize(value), aspect: aspectLabel(value) }));

  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-800 dark:text-slate-200">{t.legend}</legend>
      <div
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-dragging={dragging || undefined}
        data-testid="input-drop-zone"
        className="space-y-2 rounded-md border-2 border-dashed border-slate-300 dark:border-slate-600 p-2 text-center data-[dragging]:border-indigo-500 data-[dragging]:bg-indigo-50 dark:data-[dragging]:bg-indigo-950/40"
      >
        {value ? (
          <figure className="space-y-1">
            {/* eslint-disable-next-line @next/next/no-img-element -- a stored thumbnail served by the app */}
            <img
              src={value.thumbSrc}
              width={value.width}
              height={value.height}
              alt={format(t.alt, { size: formatSize(value) })}
              className="mx-auto h-auto max-h-48 w-auto max-w-full rounded border border-slate-200 dark:border-slate-700"
            />
            <figcaption className="text-xs text-slate-600 dark:text-slate-400">{caption}</figcaption>
          </figure>
        ) : (
          <p className="px-1 py-4 text-xs text-slate-600 dark:text-slate-400">{dragging ? t.dropHere : t.empty}</p>
        )}
        <div className="flex flex-wrap justify-center gap-2">
          <label
            htmlFor="edit-input-file"
            className="shows-focus cursor-pointer rounded-md border border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900 px-3 py-1.5 text-sm font-medium text-slate-800 dark:text-slate-200"
          >
            {value ? t.replace : t.choose}
            <input
              ref={chooser}
              id="edit-input-file"
              type="file"
              accept={ACCEPTED_TYPES}
              className="sr-only"
              // The form's one control for its input: a refused submit focuses it (./submit-refusal.ts) and says its error.
              aria-invalid={problem || error ? true : undefined}
              aria-describedby="edit-input-status edit-input-error"
              // Never disabled while one is on its way: the newest choice wins (the last one is dropped), and a
              // disabled chooser would drop the keyboard's focus just after its dialog closed.
              onChange={(event) => {
                const file = event.target.files?.[0];
                // Cleared, so choosing the same file again (after a refusal, say) still fires.
                event.target.value = "";
                if (file) void accept(file);
              }}
            />
          </label>
          {value && (
            // The button goes with the image: the keyboard's place goes to the chooser, the way to the next one.
            <Button
              onClick={() => {
                chooser.current?.focus();
                onChange(null);
              }}
            >
              {t.remove}
            </Button>
          )}
        </div>
      </div>
      <p id="edit-input-status" role="status" className="min-h-4 text-xs text-slate-600 dark:text-slate-400">
        {progressText(status, t)}
      </p>
      {(problem ?? error) && (
        // An upload's refusal comes on its own, when it will: said as it comes. A refused submit's is said by the
        // form, which focuses the chooser this describes (./submit-refusal.ts), so it is not said twice.
        <p id="edit-input-error" role={problem ? "alert" : undefined} className="text-xs font-medium text-red-700 dark:text-red-300">
          {problem ?? (error && ruleText(error))}
        </p>
      )}
    </fieldset>
  );
}
