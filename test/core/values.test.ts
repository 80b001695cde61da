import { fmt } from '../../modules/core/values';

describe('fmt', () => {
  it('groups thousands as en-US does, for whole and other numbers', () => {
    const numbers = [0, -0, 7, 999, 1_000, -1_000, 12_345, 262_144, 1_209_600, -98_765_432, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 60, 0.5, 1234.5678, -0.25, NaN, Infinity];
    for (const n of numbers) expect([n, fmt(n)]).toEqual([n, n.toLocaleString('en-US')]);
    expect(fmt(1_209_600)).toBe('1,209,600');
  });
});
