/** Waiting in the benchmarks: a pause, and a bound on how long a step may take. */

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const TIMED_OUT = Symbol('timed out');

/** `p`, or TIMED_OUT once `ms` have passed; the timer does not outlive the race. */
function raceTimer<T>(p: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** What `p` gives, or an error naming the step (`what`) that did not finish within `ms`. */
export async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  const result = await raceTimer(p, ms);
  if (result === TIMED_OUT) throw new Error(`timed out: ${what}`);
  return result;
}

/** Waits for `p`, but `ms` at most: whatever has come by then is what counts. */
export async function waitAtMost(p: Promise<unknown>, ms: number): Promise<void> {
  await raceTimer(p, ms);
}
