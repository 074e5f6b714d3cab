"use client";

import { useState, type FormEvent } from "react";
import { useMessages, useRuleText } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { apiFetch } from "@/lib/api/client";

/** `next`: where the user was going, already checked to be a path on this site. */
export function SignInForm({ next }: { next: string }) {
  const t = useMessages().access;
  const ruleText = useRuleText();
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
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
          type="password"
          autoComplete="current-password"
          aria-required
          aria-invalid={error !== null}
          aria-describedby={error ? "password-error" : undefined}
          className={inputClass}
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
      </Field>
      <Button type="submit" variant="primary" className="w-full" disabled={busy}>
        {t.signIn}
      </Button>
    </form>
  );
}
