/** A step of the conversation pipeline: handle the turn, or pass it on with `next()`. */
export type Step<C> = (ctx: C, next: () => Promise<void>) => Promise<void>;

/**
 * Joins steps into one step, each deciding whether the next one runs; past the last of them the turn
 * goes on to the step after the group (grammY's `Composer`, in small).
 */
export function concatSteps<C>(steps: Step<C>[]): Step<C> {
  return (ctx, next) => {
    const run = (i: number): Promise<void> => {
      const step = steps[i];
      if (!step) return next();
      let called = false;
      return step(ctx, () => {
        if (called) return Promise.reject(new Error(`step ${i} called next() twice`));
        called = true;
        return run(i + 1);
      });
    };
    return run(0);
  };
}

/** Runs steps in order, each deciding whether the next one runs; the whole pipeline of a turn. */
export function composeSteps<C>(steps: Step<C>[]): (ctx: C) => Promise<void> {
  const group = concatSteps(steps);
  return (ctx) => group(ctx, () => Promise.resolve());
}
