import { useEffect } from "react";

/**
 * A file dropped anywhere but on a drop zone would make the browser open it in place of the page, and what
 * was typed into the forms would go with it. Outside the drop zones and file choosers (which take their own
 * drops), a dropped file is refused instead.
 */
export const useKeepDroppedFiles = () => {
  useEffect(() => {
    const refuse = (event: DragEvent) => {
      if (event.defaultPrevented || !event.dataTransfer?.types.includes("Files")) return;
      // A file chooser takes a drop of its own (the batch's CSV).
      if (event.target instanceof HTMLInputElement && event.target.type === "file") return;
      event.preventDefault();
      event.dataTransfer.dropEffect = "none";
    };
    window.addEventListener("dragover", refuse);
    window.addEventListener("drop", refuse);
    return () => {
      window.removeEventListener("dragover", refuse);
      window.removeEventListener("drop", refuse);
    };
  }, []);
};
