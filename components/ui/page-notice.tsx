import { buttonLinkClass } from "./link-class";

/**
 * A page that is only a notice: what happened, and the one way on. No client component: the not-found page is
 * part of every page's payload, where one would add a script to every first load.
 */
export function PageNotice({ title, body, href, action }: { title: string; body: string; href: string; action: string }) {
  return (
    <main className="mx-auto max-w-xl space-y-4 px-4 py-16">
      <h1 className="text-xl font-bold">{title}</h1>
      <p className="text-sm text-slate-600 dark:text-slate-300">{body}</p>
      <a href={href} className={buttonLinkClass}>
        {action}
      </a>
    </main>
  );
}
