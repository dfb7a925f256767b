/**
 * A column of runs (src/engine/family/columns.ts, RunColumn): the orders of a day share their day,
 * the rights of a day their cost and promise; each index reads its run's value whatever the order
 * of the reads. A column of -1 (none) until set: a promise's completion day.
 */
import { describe, expect, it } from 'vitest';
import { NoneOrIntColumn, RunColumn } from '../../../src/engine/family/columns.ts';

describe('RunColumn', () => {
  it('reads each index as pushed, in order, backwards and at random', () => {
    // days 1 x3, 2 x1, 5 x4, 2 x2 (a value may come back: a new run), then 7 x1
    const pushed = [1, 1, 1, 2, 5, 5, 5, 5, 2, 2, 7];
    const c = new RunColumn<number>();
    pushed.forEach((v, i) => expect(c.push(v)).toBe(i));
    expect(c.length).toBe(11);
    expect(pushed.map((_, i) => c.get(i))).toEqual(pushed);
    expect([...pushed.keys()].reverse().map((i) => c.get(i))).toEqual([...pushed].reverse());
    for (const i of [8, 0, 10, 3, 4, 9, 1, 7, 2, 5, 6]) expect(c.get(i)).toBe(pushed[i]);
  });

  it('more runs than its first capacity (16), each a different value', () => {
    const c = new RunColumn<number>();
    for (let v = 0; v < 100; v++) for (let k = 0; k <= v % 3; k++) c.push(v);
    // value v is pushed 1 + v % 3 times: 100 values, 33 x 1 + ... = 199 slots
    expect(c.length).toBe(34 * 1 + 33 * 2 + 33 * 3);
    let i = 0;
    for (let v = 0; v < 100; v++) for (let k = 0; k <= v % 3; k++) expect(c.get(i++)).toBe(v);
  });

  it('objects are one run while the same object is pushed (the exact path pushes the same decimal)', () => {
    const a = { x: 1 };
    const b = { x: 1 };
    const c = new RunColumn<{ x: number }>();
    c.push(a);
    c.push(a);
    c.push(b);
    expect([c.get(0), c.get(1), c.get(2)]).toEqual([a, a, b]);
    expect(c.get(2)).toBe(b);
    expect(c.get(1)).toBe(a);
  });
});

describe('NoneOrIntColumn', () => {
  it('-1 until set; values from 0 up; past its first capacity', () => {
    const c = new NoneOrIntColumn();
    for (let i = 0; i < 40; i++) c.push();
    c.push(7);
    c.push(0);
    c.set(3, 0);
    c.set(20, 365);
    c.set(5, 2);
    c.set(5, -1);
    expect(c.length).toBe(42);
    const want = Array.from({ length: 42 }, (_, i) => (i === 3 ? 0 : i === 20 ? 365 : i === 40 ? 7 : i === 41 ? 0 : -1));
    expect(Array.from({ length: 42 }, (_, i) => c.get(i))).toEqual(want);
  });
});

describe('RunColumn.pushRun', () => {
  it('n of a value at once, as n pushes', () => {
    const c = new RunColumn<number>();
    expect(c.pushRun(4, 3)).toBe(0);
    expect(c.pushRun(4, 2)).toBe(3);
    expect(c.pushRun(9, 0)).toBe(5);
    expect(c.pushRun(6, 1)).toBe(5);
    c.push(4);
    expect(c.length).toBe(7);
    expect(Array.from({ length: 7 }, (_, i) => c.get(i))).toEqual([4, 4, 4, 4, 4, 6, 4]);
  });
});
