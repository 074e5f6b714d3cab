/**
 * mulberry32: a tiny PRNG, the same in every JavaScript engine, so a seed draws the same numbers anywhere
 * (the simulator's pictures, a grid's random prompt picks in the browser's preview and on the server).
 */
export const createRandom = (seed: number): (() => number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
};
