/**
 * One instance per server process of something started asynchronously (the database, the embedded
 * simulator, the limits). Kept on globalThis because Next loads a module once per bundle (instrumentation,
 * each route) in the same process; a start that failed is forgotten, so the next use tries again instead of
 * failing until a restart.
 */
export const processSingleton = <T>(name: string, start: () => Promise<T>): (() => Promise<T>) => {
  const key = Symbol.for(`onetoken-playground.${name}`);
  const slots = globalThis as unknown as Record<symbol, Promise<T> | undefined>;
  return () => {
    slots[key] ??= start().catch((error: unknown) => {
      delete slots[key];
      throw error;
    });
    return slots[key];
  };
};
