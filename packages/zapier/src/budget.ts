/**
 * One time budget per step. Zapier stops a perform, performResume or hydrator after 30 s and shows the user a bare
 * timeout; this app ends it earlier, on its own terms. guard() starts the budget when the step starts, every request
 * and retry wait of the step's TrendingClient fits inside what is left (transport.ts), and guard() also races the
 * whole step against it, so nothing the API does (hanging, never answering, a 429 storm) keeps the step past it.
 *
 * The budget is keyed by the step's bundle: Zapier makes one per invocation, and the perform hands that same object to
 * clientFor, so the step's client finds the deadline without threading it through every action.
 */
export const STEP_BUDGET_MS = 25_000;

/** Zapier reschedules a step that throws ThrottledError after this many seconds. */
export const OUT_OF_TIME_RETRY_SECONDS = 60;

const deadlines = new WeakMap<object, number>();

/** Starts the step's budget now and returns its deadline (epoch ms). */
export function startStepBudget(bundle: object): number {
  const deadline = Date.now() + STEP_BUDGET_MS;
  deadlines.set(bundle, deadline);
  return deadline;
}

/** The step's deadline; a step that runs outside guard() gets its budget from its first request. */
export function stepDeadline(bundle: object): number {
  return deadlines.get(bundle) ?? startStepBudget(bundle);
}

/** The step's budget ran out before the API answered. */
export class StepOutOfTime extends Error {
  constructor() {
    super(`Trending did not answer within ${STEP_BUDGET_MS / 1000} seconds.`);
    this.name = 'StepOutOfTime';
  }
}
