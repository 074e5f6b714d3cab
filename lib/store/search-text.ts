/**
 * Text as the history's search compares it: compatibility forms unified (full-width ＡＢＣ is ABC, a
 * decomposed é the composed one), then lower case, with Greek's final sigma read as σ. Done here rather
 * than by the database: SQLite's LIKE folds ASCII letters alone, and PostgreSQL's lower() follows the
 * server's locale, so neither would find what the other finds. Both backends keep each prompt folded beside it
 * (see DERIVED_COLUMNS) and match folded words with a plain LIKE. Folding otherwise later needs a migration
 * that sets those columns back to NULL, so that the next start folds every row anew.
 */
export const searchText = (text: string): string => text.normalize("NFKC").toLowerCase().replaceAll("ς", "σ");

/**
 * Columns that hold another column's text folded by searchText, which SQL cannot compute alike on both
 * backends. A migration adds them empty (NULL), and each start fills whatever is NULL before the store is
 * used (the rows from before, or rows an older instance wrote since); every write fills its own.
 */
export const DERIVED_COLUMNS = [
  { table: "generations", from: "prompt", to: "prompt_search" },
  { table: "comparisons", from: "prompt", to: "prompt_search" },
  { table: "images", from: "revised_prompt", to: "revised_prompt_search" },
] as const;

/** Rows filled per statement: a bounded read however long the history. */
export const FILL_BATCH = 500;
