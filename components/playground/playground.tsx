"use client";

import { useRef } from "react";
import { GatewayInfoContext } from "@/components/history/gateway-info";
import { History } from "@/components/history/history";
import type { GatewayInfo } from "@/lib/generation/as-code";
import { useCreateGeneration } from "@/lib/api/generations";
import { GenerateForm, type FormApi } from "./generate-form";
import { UsageBar } from "./usage-bar";

export function Playground({ offline, gated, gateway }: { offline: boolean; gated: boolean; gateway: GatewayInfo }) {
  const form = useRef<FormApi>(null);
  const create = useCreateGeneration();
  return (
    <GatewayInfoContext value={gateway}>
    <div className="mx-auto max-w-7xl space-y-4 px-4 py-6">
      <header className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-xl font-bold">OneToken Image Playground</h1>
        <UsageBar gated={gated} />
        {offline ? (
          <p role="note" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-1.5 text-sm font-medium text-amber-900">
            Offline demo: synthetic images, no model is called
          </p>
        ) : (
          <p className="rounded-md bg-emerald-50 px-3 py-1.5 text-sm text-emerald-800">Connected to the OneToken gateway</p>
        )}
      </header>
      <main className="grid gap-6 lg:grid-cols-[420px_minmax(0,1fr)]">
        <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm lg:sticky lg:top-4 lg:max-h-[calc(100vh-2rem)] lg:self-start lg:overflow-y-auto">
          <GenerateForm
            ref={form}
            onGenerate={(request) => create.mutate(request)}
            submitError={create.error ? `Could not start the generation: ${create.error.message}` : null}
            submitting={create.isPending}
          />
        </div>
        <History
          actions={{
            reuseSettings: (generation) => form.current?.load(generation.request),
            reuseSeed: (seed) => form.current?.setSeed(seed),
            usePrompt: (prompt) => form.current?.setPrompt(prompt),
            retry: (generation) => form.current?.generate(generation.request),
          }}
        />
      </main>
    </div>
    </GatewayInfoContext>
  );
}
