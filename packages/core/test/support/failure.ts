import { expect } from 'vitest';
import { TrendingError } from '../../src/errors';

/** The TrendingError a promise rejects with (failing the test if it resolves or rejects with anything else). */
export async function failure(promise: Promise<unknown>): Promise<TrendingError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TrendingError);
  return error as TrendingError;
}
