import type { MissingWords } from "../download/missing-words";
import { logUnreadable } from "../download/unreadable";
import type { ComparisonView, GenerationView } from "../generation/view";
import { gridTables } from "./grid-layout";
import { axisValueName, planGrid, type AxisWords, type ValueWords } from "./grid-plan";
import type { GridRequest } from "./grid-request";
import type { GridImageInput } from "./grid-image";

/** The words a downloaded grid writes, in the interface's language; why a cell has none as a contact sheet's box says it. */
export type GridImageWords = AxisWords &
  MissingWords & {
    readonly values: ValueWords;
    /** "{y} \ {x}", over the row labels. */
    readonly corner: string;
  };

/**
 * What the grid's image shows: its tables with their labels and, per cell, the thumbnail of its first image
 * (`thumb` reads it; null when it is gone) or why it has none. One that cannot be read (`thumb` throws) leaves
 * its cell saying so, logged, as the other downloads do, rather than the grid unmade.
 */
export const gridImageInput = async (
  grid: ComparisonView<GridRequest>,
  words: GridImageWords,
  thumb: (imageId: string) => Promise<Buffer | null>,
): Promise<GridImageInput> => {
  const plan = planGrid(grid.request, grid.seed, words.values);
  const cell = async (generation: GenerationView) => {
    const first = generation.images[0];
    // A cell that made no image says its status; one whose image is gone since says so, not "Done".
    if (!first) return { missing: words.status[generation.status] };
    try {
      const image = await thumb(first.id);
      return image ? { image } : { missing: words.gone };
    } catch (error) {
      logUnreadable("grid image", first.id, error);
      return { missing: words.unreadable };
    }
  };
  return {
    title: grid.request.prompt,
    tables: await Promise.all(
      gridTables(plan, grid.columns).map(async (table) => ({
        caption: table.z ? axisValueName(words, table.z.type, table.z.label) : null,
        corner: table.y ? words.corner.replace("{y}", words.axisNames[table.y.type]).replace("{x}", words.axisNames[table.x.type]) : null,
        columns: table.x.labels,
        rows: await Promise.all(
          table.rows.map(async (row) => ({
            label: row.label,
            cells: await Promise.all(row.cells.map(({ column: { generation } }) => cell(generation))),
          })),
        ),
      })),
    ),
  };
};
