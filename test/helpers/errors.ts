import { ValidationError } from '../../modules/core/errors';

/** The message of the ValidationError `fn` throws (fails the test if it throws nothing or something else). */
export function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as Error).message;
  }
  throw new Error('expected a ValidationError');
}
