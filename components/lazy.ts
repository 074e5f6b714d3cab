import dynamic from "next/dynamic";

/**
 * Parts most visits never open, loaded the first time they are shown, so the first load stays small
 * (docs/benchmarks.md has the figure). None of them renders on the server: each waits for a click.
 */
export const Lightbox = dynamic(() => import("./history/lightbox").then((module) => module.Lightbox), { ssr: false });
export const CodeDialog = dynamic(() => import("./history/code-dialog").then((module) => module.CodeDialog), { ssr: false });
export const PromptDiff = dynamic(() => import("./history/prompt-diff").then((module) => module.PromptDiff), { ssr: false });
// The compare and edit forms are mounted the first time their tab is opened (and then kept, so nothing typed is lost).
export const CompareForm = dynamic(() => import("./compare/compare-form").then((module) => module.CompareForm), { ssr: false });
export const EditForm = dynamic(() => import("./edit/edit-form").then((module) => module.EditForm), { ssr: false });
export const Presentation = dynamic(() => import("./present/presentation").then((module) => module.Presentation), { ssr: false });
export const ConnectionCheck = dynamic(() => import("./gateway/connection-check").then((module) => module.ConnectionCheck), { ssr: false });
