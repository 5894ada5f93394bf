/** A step of the conversation pipeline: handle the turn, or pass it on with `next()`. */
export type Step<C> = (ctx: C, next: () => Promise<void>) => Promise<void>;

/** Runs steps in order, each deciding whether the next one runs (grammY's composer, in small). */
export function composeSteps<C>(steps: Step<C>[]): (ctx: C) => Promise<void> {
  return (ctx) => {
    const run = (i: number): Promise<void> => {
      const step = steps[i];
      if (!step) return Promise.resolve();
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
