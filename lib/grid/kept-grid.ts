import { isKeptSeed } from "../forms/draft";
import { findModel } from "../models/registry";
import type { GridRequest } from "./grid-request";

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const all = (values: unknown, kind: "string" | "number" | "boolean") => Array.isArray(values) && values.every((value) => typeof value === kind);

/** What each kind of axis holds, as the form holds it while it is typed (values not yet checked by the rules). */
const AXIS_SHAPES: Record<string, (axis: Record<string, unknown>) => boolean> = {
  model: (axis) => all(axis.values, "string") && (axis.values as string[]).every((id) => findModel(id) !== undefined),
  seed: (axis) => all(axis.values, "number"),
  replace: (axis) => all(axis.values, "string"),
  negative: (axis) => all(axis.values, "string"),
  aspect: (axis) => all(axis.values, "string"),
  promptExtend: (axis) => all(axis.values, "boolean"),
  variables: (axis) => typeof axis.mode === "string" && typeof axis.count === "number" && typeof axis.pickSeed === "number",
};

/**
 * A grid read back from a draft has the form's shape where its top level cannot say (the stamp sees only that
 * axes are a list and lists a map): each axis one the page knows, holding what that axis holds; each list a
 * list of texts; every model one of the registry's. Anything else would break the form as it renders.
 */
export const isKeptGrid = (values: GridRequest): boolean =>
  findModel(values.model) !== undefined &&
  isKeptSeed(values.seed) &&
  values.axes.every((axis: unknown) => isRecord(axis) && typeof axis.type === "string" && AXIS_SHAPES[axis.type]?.(axis) === true) &&
  Object.values(values.lists).every((items: unknown) => all(items, "string"));
