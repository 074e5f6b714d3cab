import type { MissingWords } from "../download/missing-words";
import { thumbnailPlaces } from "../download/thumbnail-places";
import type { ComparisonView, GenerationView } from "../generation/view";
import type { ImageStore } from "../store/types";
import { gridTables } from "./grid-layout";
import { axisValueName, planGrid, type AxisWords, type ValueWords } from "./grid-plan";
import type { GridRequest } from "./grid-request";
import { GRID_IMAGE, type BoxPicture, type GridImageInput } from "./grid-image";

/** The words a downloaded grid writes, in the interface's language; why a cell has none as a contact sheet's box says it. */
export type GridImageWords = AxisWords &
  MissingWords & {
    readonly values: ValueWords;
    /** "{y} \ {x}", over the row labels. */
    readonly corner: string;
  };

/**
 * What the grid's image shows: its tables with their labels and, per cell, the thumbnail of its first image
 * or why it has none. One that cannot be read (damaged, a storage error) leaves its cell saying so, logged, as
 * the other downloads do, rather than the grid unmade.
 */
export const gridImageInput = async (grid: ComparisonView<GridRequest>, words: GridImageWords, images: Pick<ImageStore, "read">): Promise<GridImageInput> => {
  const plan = planGrid(grid.request, grid.seed, words.values);
  const tables = gridTables(plan, grid.columns);
  const firsts = tables.flatMap((table) => table.rows.flatMap((row) => row.cells.flatMap(({ column }) => column.generation.images.slice(0, 1).map((image) => image.id))));
  const { places } = await thumbnailPlaces(firsts, { images, box: GRID_IMAGE.cell, file: "grid image", words });
  // A cell that made no image says its status; one whose image is gone since says so, not "Done".
  const cell = (generation: GenerationView): BoxPicture => {
    const first = generation.images[0];
    return (first && places.get(first.id)) ?? { missing: words.status[generation.status] };
  };
  return {
    title: grid.request.prompt,
    tables: tables.map((table) => ({
      caption: table.z ? axisValueName(words, table.z.type, table.z.label) : null,
      corner: table.y ? words.corner.replace("{y}", words.axisNames[table.y.type]).replace("{x}", words.axisNames[table.x.type]) : null,
      columns: table.x.labels,
      rows: table.rows.map((row) => ({ label: row.label, cells: row.cells.map(({ column: { generation } }) => cell(generation)) })),
    })),
  };
};
