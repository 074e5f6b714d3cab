import type { AxisType, GridPlan } from "./grid-plan";

/**
 * How a grid's cells sit on the page: the first axis across, the second down, one table per value of the
 * third. Cell i of the plan is at (i mod nx, i / nx mod ny, i / (nx * ny)).
 */

export type GridTable<Cell> = {
  readonly key: string;
  /** The third axis's value this table shows; null with fewer than three axes. */
  readonly z: { readonly type: AxisType; readonly label: string } | null;
  readonly x: { readonly type: AxisType; readonly labels: readonly string[] };
  readonly y: { readonly type: AxisType; readonly labels: readonly string[] } | null;
  /** `label` null: a grid of one axis has one row, with no heading. */
  readonly rows: ReadonlyArray<{ readonly key: string; readonly label: string | null; readonly cells: ReadonlyArray<{ readonly index: number; readonly column: Cell }> }>;
};

export const gridTables = <Cell>(plan: Pick<GridPlan, "axes">, columns: readonly Cell[]): GridTable<Cell>[] => {
  const [x, y, z] = plan.axes;
  if (!x) return [];
  const width = x.labels.length;
  const height = y?.labels.length ?? 1;
  return (z?.labels ?? [null]).map((zLabel, zIndex) => ({
    key: String(zIndex),
    z: z && zLabel !== null ? { type: z.type, label: zLabel } : null,
    x,
    y: y ?? null,
    rows: Array.from({ length: height }, (_, yIndex) => ({
      key: String(yIndex),
      label: y ? (y.labels[yIndex] ?? "") : null,
      cells: Array.from({ length: width }, (_, xIndex) => {
        const index = xIndex + width * (yIndex + height * zIndex);
        const column = columns[index];
        return column === undefined ? [] : [{ index, column }];
      }).flat(),
    })),
  }));
};

/** "2 × 3": the count of values on each axis. */
export const gridShape = (plan: Pick<GridPlan, "axes">): string => plan.axes.map((axis) => axis.labels.length).join(" × ");
