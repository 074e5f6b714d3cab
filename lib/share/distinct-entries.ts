/** Each item once, where first named: one named twice would show twice on a share's page and in its presentation. */
export const distinctEntries = <T extends { readonly kind: string; readonly id: string }>(entries: readonly T[]): T[] => {
  const seen = new Set<string>();
  return entries.filter((entry) => {
    const key = `${entry.kind}:${entry.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};
