/**
 * Gathers the calls made within `windowMs` of the first (at most `max`) into one call of `run`,
 * which gets their inputs in order and returns one output per input: a busy worker's many small
 * statements become one round trip. Each caller gets its own output, or the batch's error.
 */
export function batchCalls<I, O>(
  run: (inputs: I[]) => Promise<O[]>,
  options: { windowMs: number; max: number },
): (input: I) => Promise<O> {
  let waiting: Array<{ input: I; resolve(output: O): void; reject(err: unknown): void }> = [];
  let timer: NodeJS.Timeout | undefined;
  const flush = async () => {
    clearTimeout(timer);
    timer = undefined;
    const batch = waiting;
    waiting = [];
    try {
      const outputs = await run(batch.map((call) => call.input));
      for (const [i, call] of batch.entries()) call.resolve(outputs[i] as O);
    } catch (err) {
      for (const call of batch) call.reject(err);
    }
  };
  return (input) =>
    new Promise<O>((resolve, reject) => {
      waiting.push({ input, resolve, reject });
      if (waiting.length >= options.max) void flush();
      else timer ??= setTimeout(() => void flush(), options.windowMs);
    });
}
