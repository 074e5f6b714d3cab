/** English text shared by the cards of generations made together (grids and batches). */
export const sets = {
  progress: "{done} of {cells} made · {failed} without an image · {running} running · {queued} waiting",
  cancelAll: "Cancel all unfinished",
  cancelAllQuestion: { one: "Cancel the {count} unfinished generation? One still waiting gives its images back.", other: "Cancel the {count} unfinished generations? Those still waiting give their images back." },
  cancelBlindQuestion:
    "Cancel this blind comparison's unfinished columns? A column that has already finished keeps its images and shows them now, so which ones finished first can hint at their models.",
  cancelAllYes: "Cancel them",
  cancellingAll: "Cancelling…",
  /** Why waiting work does not start after a cancel: the calls it stopped after they were sent still hold their places. */
  heldPlaces: {
    one: "The rest wait for a free place: {count} call stopped after it was sent (cancelled, interrupted, or with no clear answer) may still be at work at the gateway, so it holds its place among the {max} at once for up to 2 minutes.",
    other: "The rest wait for a free place: {count} calls stopped after they were sent (cancelled, interrupted, or with no clear answer) may still be at work at the gateway, so they hold their places among the {max} at once for up to 2 minutes.",
  },
  cancelAllNo: "Keep going",
  /** The watermark's help in the forms of sets (compare, grid, batch): the marks themselves come from the model registry. */
  watermarkHelp: { one: "Adds the mark “{mark}” at the bottom right.", several: "Adds a mark at the bottom right: {marks}.", each: "“{mark}” on {family}", separator: ", " },
  /** After a set's cost: how much of it the attempts its retries replaced billed, or may have. */
  earlierAttempts: { one: ", including {count} image of earlier attempts", other: ", including {count} images of earlier attempts" },
  queued: "Waiting",
  queuedAhead: { one: "Waiting: {count} before it", other: "Waiting: {count} before it" },
  running: "Generating",
  retry: "Retry",
  cancel: "Cancel",
  /** The names of a cell's Retry and Cancel to a screen reader: `{name}` says which cell. */
  retryCell: "Retry: {name}",
  cancelCell: "Cancel: {name}",
  openImage: "Open image {n} of {name}",
  status: { succeeded: "Done", failed: "Failed", cancelled: "Cancelled", interrupted: "Interrupted", queued: "Waiting", running: "Generating" },
  zip: "Download images (zip)",
  zipHelp: "Every image as a PNG with its settings inside, and a manifest (CSV and JSON).",
  csv: "Download results (CSV)",
  csvHelp: "Prompt, revised prompt, model, seed, size and a link for every image.",
  contactSheet: "Contact sheet",
  contactSheetHelp: "One printable PNG page of thumbnails with their captions.",
  deck: "Download as slides",
  deckHelp: "A PowerPoint deck (opens in Keynote and LibreOffice too): a title slide, a slide per image or comparison with its captions, and the settings.",
  deckPreparing: "Preparing the slides…",
  deckDownloading: "Downloading the slides…",
  deckProgress: "Downloading the slides: {percent}%",
  deckFailed: "The slides could not be made: {error}",
  deckDone: "The slides are downloaded.",
  downloadFailed: "The download could not start: {error}",
  /** Said while a contact sheet, built whole before its first byte, is made and fetched. */
  sheetFile: {
    preparing: "Preparing the contact sheet…",
    downloading: "Downloading the contact sheet…",
    progress: "Downloading the contact sheet: {percent}%",
    failed: "The contact sheet could not be made: {error}",
    done: "The contact sheet is downloaded.",
  },
  /** What the slide deck writes (lib/download/deck.ts), in the interface's language. */
  slides: {
    subtitle: { one: "{count} slide · {date} · OneToken Image Playground", other: "{count} slides · {date} · OneToken Image Playground" },
    prompt: "Prompt",
    negativePrompt: "Negative prompt",
    revised: "Revised prompt",
    /** Between a caption's name and its text: "Revised prompt: …". */
    separator: ": ",
    noRevised: "No revised prompt returned.",
    settings: "Settings",
    /** A table's heading on the slides it runs on over. */
    continued: "{heading} (continued)",
    columns: ["Item", "Model", "Size", "Seed", "Images", "Prompt rewriting", "Watermark", "Negative prompt"],
    on: "on",
    off: "off",
    hidden: "hidden until the reveal",
    /** An edit's size in the settings table when it sent none: the model picked the output's, following its input. */
    followsInput: "following the input",
    capped: "Only the first {count} images are here, {left} more left out: a deck holds no more. Choose fewer items for the rest.",
    /** Pictures deleted from storage since, or that could not be read from it: each one's place says it is no longer stored. */
    unread: { one: "{count} image is no longer stored here, or could not be read: its place says so.", other: "{count} images are no longer stored here, or could not be read: their places say so." },
  },
  /**
   * What the downloaded files write beside the pictures (a deck's title slide, a contact sheet, a zip's
   * README.txt, a CSV's last row), in the language of the page they were asked from: whoever asked reads them.
   */
  files: {
    selection: { one: "{count} item from the history", other: "{count} items from the history" },
    favourites: "Favourites",
    deleted: { one: "{count} chosen item was deleted since and is left out.", other: "{count} chosen items were deleted since and are left out." },
    pollGone: { one: "{count} of the poll's comparisons is left out: it came from a set deleted since.", other: "{count} of the poll's comparisons are left out: each came from a set deleted since." },
    blindImages: { one: "{count} chosen image of a blind comparison not yet revealed is left out: alone, it would name its model.", other: "{count} chosen images of blind comparisons not yet revealed are left out: alone, they would name their models." },
    blindSets: { one: "{count} blind comparison not yet revealed is left out: its files would name the models.", other: "{count} blind comparisons not yet revealed are left out: their files would name the models." },
    more: "Only the newest {count} favourites are here.",
    sheetCapped: "Only the first {count} images are here, {left} more left out: a contact sheet holds no more.",
    /** In the place of a picture that could not be read (a deck's slide, a grid's cell, a contact sheet's box): it may well still be stored. */
    imageUnread: "This image could not be read from storage (damaged, or the storage failed).",
    sheetUnread: { one: "{count} image could not be read from storage (damaged, or the storage failed): its box says so.", other: "{count} images could not be read from storage (damaged, or the storage failed): their boxes say so." },
    /** A zip's README.txt, naming each image it lacks (`{files}`) as the manifest does, so it can be found again. */
    zipGone: { one: "{count} image was deleted while this zip was written, so it is not in it: {files}.", other: "{count} images were deleted while this zip was written, so they are not in it: {files}." },
    zipUnreadable: { one: "{count} image could not be read from storage (damaged, or the storage failed), so it is not in it: {files}.", other: "{count} images could not be read from storage (damaged, or the storage failed), so they are not in it: {files}." },
    zipOver: { one: "{count} more image is left out: a zip holds at most 4 GB and 65,000 files. Download the rest in smaller parts: {files}.", other: "{count} more images are left out: a zip holds at most 4 GB and 65,000 files. Download the rest in smaller parts: {files}." },
  },
  /** The history's own take-away of the items chosen, or of the favourites. */
  takeaway: {
    selection: "Download the selection",
    favourites: "Download the favourites",
    /** The favourites' disclosure with none starred, in place of links to empty files (the server's refusal says the same). */
    none: "No favourites yet: mark the results to take away with their star (Favourite), then download them here.",
    zip: "Images (zip)",
    csv: "Results (CSV)",
  },
};
