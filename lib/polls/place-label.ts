import { axisValueName, valueLabel } from "../grid/grid-plan";
import type { Messages } from "../i18n/messages";
import type { PollPlace } from "./poll";

/**
 * Where in a grid a poll's item was made, as a grid's slides name a row ("Seed: 7 · Aspect ratio: 16:9"), in
 * the language of the messages given, each axis joined to its value as that language writes it ("种子：7");
 * "" for an item of a comparison, or of a poll made before items kept their place.
 */
export const placeLabel = (place: PollPlace | undefined, { grid }: Pick<Messages, "grid">): string =>
  (place ?? []).map(({ axis, value }) => axisValueName(grid, axis, valueLabel(value, grid.values))).join(" · ");
