import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/access/sign-in-form";
import { sessionFromCookies } from "@/lib/access/gate";
import { safeNextPath } from "@/lib/access/next-path";

export const metadata: Metadata = { title: "Sign in · OneToken Image Playground" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const next = safeNextPath([(await searchParams).next].flat()[0]);
  const { gated, sessionId } = await sessionFromCookies((await headers()).get("cookie"));
  if (!gated || sessionId) redirect(next);
  return (
    <main className="mx-auto mt-24 max-w-sm space-y-4 rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-6 shadow-sm">
      <h1 className="text-lg font-bold">OneToken Image Playground</h1>
      <p className="text-sm text-slate-600 dark:text-slate-400">This playground is private. Sign in with the password you were given.</p>
      <SignInForm next={next} />
    </main>
  );
}
