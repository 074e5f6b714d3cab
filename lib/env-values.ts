/** Environment values: a blank `NAME=` (common in .env files) means the same as leaving NAME out. */
export const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

/**
 * A value as it may be printed: each URL's password (`scheme://user:password@host`, to the authority's last
 * `@`, as a URL parser splits it) starred out, in a list too.
 */
const withoutPassword = (value: string): string => value.replace(/(\/\/[^/?#\s@:,]*):[^/?#\s,]*@/g, "$1:***@");

/**
 * The start-up refusal for invalid settings: one line per variable, with the value shown unless the
 * variable is a secret (a refused key or password is never printed).
 */
export const invalidConfigMessage = (
  issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>,
  env: Record<string, string | undefined>,
  secrets: readonly string[],
): string => {
  const lines = issues.map((issue) => {
    const name = String(issue.path[0] ?? "environment");
    return `  - ${name} ${issue.message}${secrets.includes(name) ? "" : ` (got ${JSON.stringify(withoutPassword(env[name] ?? ""))})`}`;
  });
  return `The playground's configuration is invalid:\n${lines.join("\n")}\nFix these environment variables and start it again.`;
};
