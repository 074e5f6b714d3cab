/** English text shared by the cards of generations made together (grids and batches). */
export const sets = {
  progress: "{done} of {cells} made · {failed} without an image · {running} running · {queued} waiting",
  cancelAll: "Cancel all unfinished",
  cancelAllQuestion: { one: "Cancel the {count} unfinished generation? One still waiting gives its images back.", other: "Cancel the {count} unfinished generations? Those still waiting give their images back." },
  cancelAllYes: "Cancel them",
  cancelAllNo: "Keep going",
  queued: "Waiting",
  queuedAhead: { one: "Waiting: {count} before it", other: "Waiting: {count} before it" },
  running: "Generating",
  retry: "Retry",
  cancel: "Cancel",
  openImage: "Open image {n} of {name}",
  status: { succeeded: "Done", failed: "Failed", cancelled: "Cancelled", interrupted: "Interrupted", queued: "Waiting", running: "Generating" },
  zip: "Download images (zip)",
  zipHelp: "Every image as a PNG with its settings inside, and results.csv.",
  csv: "Download results (CSV)",
  csvHelp: "Prompt, revised prompt, model, seed, size and a link for every image.",
};
