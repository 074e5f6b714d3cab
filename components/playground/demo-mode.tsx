import { createContext } from "react";

/** Whether the page runs the offline demo (no key: the built-in simulator answers, and nothing is billed). */
export const DemoContext = createContext(false);
