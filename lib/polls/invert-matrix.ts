/**
 * The inverse of a small square matrix by Gauss-Jordan elimination with partial pivoting (a leaderboard's
 * information matrix: one row per model). Throws on a singular matrix rather than answering nonsense.
 */
export const invert = (matrix: readonly (readonly number[])[]): number[][] => {
  const size = matrix.length;
  const rows = matrix.map((row, i) => [...row, ...matrix.map((_, j) => (i === j ? 1 : 0))]);
  const cell = (i: number, j: number) => rows[i]?.[j] ?? 0;
  for (let column = 0; column < size; column++) {
    let pivot = column;
    for (let row = column + 1; row < size; row++) if (Math.abs(cell(row, column)) > Math.abs(cell(pivot, column))) pivot = row;
    if (Math.abs(cell(pivot, column)) < 1e-12) throw new Error("The matrix is singular.");
    [rows[column], rows[pivot]] = [rows[pivot] as number[], rows[column] as number[]];
    const lead = rows[column] as number[];
    const scale = cell(column, column);
    for (let j = 0; j < 2 * size; j++) lead[j] = (lead[j] ?? 0) / scale;
    rows.forEach((row, i) => {
      if (i === column) return;
      const factor = row[column] ?? 0;
      if (factor !== 0) for (let j = 0; j < 2 * size; j++) row[j] = (row[j] ?? 0) - factor * (lead[j] ?? 0);
    });
  }
  return rows.map((row) => row.slice(size));
};
