/**
 * Where to go after signing in: only a path on this site. Anything else ("//evil.example", "https://…",
 * "/\\evil") would turn the sign-in page into an open redirect, so it falls back to the playground.
 */
export const safeNextPath = (value: string | null | undefined): string =>
  typeof value === "string" && /^\/(?![/\\])[^\s]*$/.test(value) && value.length <= 2000 ? value : "/";

export const signInPath = (next: string): string => (next === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(next)}`);
