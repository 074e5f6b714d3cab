"use client";

import { useState, type FormEvent } from "react";
import { useMessages, useRuleText } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { useHydrated } from "@/components/ui/use-hydrated";
import { apiFetch } from "@/lib/api/client";

/** `next`: where the user was going, already checked to be a path on this site. */
export function SignInForm({ next }: { next: string }) {
  const t = useMessages().access;
  const ruleText = useRuleText();
  const hydrated = useHydrated();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // Read from the field, not kept in state: what was typed or filled in by a password manager before the page
    // was hydrated counts too.
    const password = String(new FormData(event.currentTarget).get("password") ?? "");
    // Said here, in the interface's language: the browser's own "fill in this field" speaks the browser's.
    if (password === "") {
      setError(t.empty);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await apiFetch<void>("/api/session", { method: "POST", json: { password } });
      window.location.assign(next);
    } catch (failure) {
      setError(failure instanceof Error ? ruleText(failure.message) : t.failed);
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate className="space-y-3">
      <Field id="password" label={t.password} error={error ?? undefined}>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          aria-required
          aria-invalid={error !== null}
          aria-describedby={error ? "password-error" : undefined}
          className={inputClass}
        />
      </Field>
      {/* Until hydrated, a click would submit the form the browser's way: to this page's address, the password lost. */}
      <Button type="submit" variant="primary" className="w-full" disabled={busy || !hydrated}>
        {t.signIn}
      </Button>
    </form>
  );
}
