import { describe, expect, it } from 'vitest';
import { flagValue, hasFlag, splitFlag } from '../../src/cli/flags.ts';

describe('reading a flag on the command line (src/cli/flags.ts)', () => {
  it('splits a flag at its first "=", and leaves anything else whole', () => {
    expect(splitFlag('--seeds=100')).toEqual(['--seeds', '100']);
    expect(splitFlag('--limit=maxOrders=5')).toEqual(['--limit', 'maxOrders=5']);
    expect(splitFlag('--seeds=')).toEqual(['--seeds', '']);
    expect(splitFlag('--seeds')).toEqual(['--seeds', undefined]);
    // a file name with '=' is not a flag
    expect(splitFlag('a=b.json')).toEqual(['a=b.json', undefined]);
  });

  it('finds a flag in either form, and not a longer flag with the same start', () => {
    expect(hasFlag(['year.json', '--seeds', '4'], '--seeds')).toBe(true);
    expect(hasFlag(['year.json', '--seeds=4'], '--seeds')).toBe(true);
    expect(hasFlag(['year.json', '--seedsx=4'], '--seeds')).toBe(false);
    expect(hasFlag(['seeds.json'], '--seeds')).toBe(false);
  });

  it('gives the first value of a flag, from the next argument or after "="', () => {
    expect(flagValue(['y.json', '--workers', '3', '--workers=5'], '--workers')).toBe('3');
    expect(flagValue(['y.json', '--workers=5'], '--workers')).toBe('5');
    expect(flagValue(['y.json', '--workers'], '--workers')).toBeUndefined();
    expect(flagValue(['y.json'], '--workers')).toBeUndefined();
  });
});
