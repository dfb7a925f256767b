/**
 * The seed's record layout (records.ts): what a sale reads of a slot and of an active user each lies
 * in one 64-byte cache line on the fast path, and the buffers carry what they hold when they grow,
 * on either number system.
 */
import { describe, expect, it } from 'vitest';
import { exact, fast, type Arith } from '../../src/engine/arith.ts';
import { activeOf, AS, AT, BASIS, BE, CSE, exitOf, FLG, FS, HOLD, HPOS, IS, LS, LSEQ, LSLOT, OBT, outAfter, RECORD_SHIFT, recordShiftFor, recordsOf } from '../../src/engine/models/seed/records.ts';

describe('the seed record layout', () => {
  it("an active user's record is one 64-byte line: its four figures, then its slot and entry sequence", () => {
    // 8 doubles = 64 bytes a place; the figures in doubles 0-3, the slot and sequence in int32s 8 and 9 (double 4)
    expect(AS * 8).toBe(64);
    expect(LS).toBe(AS * 2);
    for (const f of [BASIS, OBT, HOLD, CSE]) expect(f).toBeLessThan(4);
    expect(LSLOT * 4).toBeGreaterThanOrEqual(4 * 8);
    expect(LSEQ * 4 + 4).toBeLessThanOrEqual(AS * 8);
    const { AF, alist } = activeOf(fast, 3);
    const af = AF as unknown as Float64Array;
    // one buffer, both views from RECORD_SHIFT: a write to place 1's slot lands in place 1's 64 bytes
    expect(af.buffer).toBe(alist.buffer);
    expect(af.byteOffset).toBe(RECORD_SHIFT);
    expect(alist.byteOffset).toBe(RECORD_SHIFT);
    alist[1 * LS + LSLOT] = 7;
    const bytes = new Uint8Array(af.buffer, RECORD_SHIFT);
    expect(bytes.slice(64, 128).some((b) => b !== 0)).toBe(true);
    expect(bytes.slice(0, 64).every((b) => b === 0)).toBe(true);
    expect(bytes.slice(128).every((b) => b === 0)).toBe(true);
  });

  it("a slot's record is 32 bytes, its integers in its second half, from the same shift", () => {
    expect(FS * 8).toBe(32);
    expect(IS * 4).toBe(32);
    expect(HPOS).toBeLessThan(IS);
    const { F, I } = recordsOf(fast, 4);
    expect((F as unknown as Float64Array).byteOffset).toBe(RECORD_SHIFT);
    expect(I.byteOffset).toBe(RECORD_SHIFT);
    // RECORD_SHIFT puts a 64-byte record on a line where an allocation starts 16 bytes past one (glibc's mmap)
    expect((16 + RECORD_SHIFT) % 64).toBe(0);
  });

  it("a slot's place in the active list and its exit step share one field (AT): a place is 0 or more, an exit step s is -(s + 2)", () => {
    // four distinct int32 fields in the record's second half (ints 4 to 7)
    expect(new Set([BE, AT, FLG, HPOS]).size).toBe(4);
    for (const f of [BE, AT, FLG, HPOS]) expect(f >= 4 && f < IS).toBe(true);
    // a fresh slot is written outAfter(-1) = 1 - 2 = -1: out, never exited
    expect(outAfter(-1)).toBe(-1);
    expect(exitOf(-1)).toBe(-1);
    // out after step 0: -(0 + 2) = -2; after day 500: -502; read back as the step
    expect(outAfter(0)).toBe(-2);
    expect(outAfter(500)).toBe(-502);
    expect(exitOf(-2)).toBe(0);
    expect(exitOf(-502)).toBe(500);
    // active at any place (0 included): no exit step
    expect(exitOf(0)).toBe(-1);
    expect(exitOf(1_999_999)).toBe(-1);
  });

  it('records start 48 bytes in under node (glibc: buffers 16 bytes past a page) and at 0 in a browser (page-aligned buffers)', () => {
    // under vitest the engine runs in node
    expect(RECORD_SHIFT).toBe(48);
    expect((16 + recordShiftFor(true)) % 64).toBe(0);
    expect(recordShiftFor(false) % 64).toBe(0);
  });

  /** a figure and integers written at place / slot 1 of two, read back after growing to four */
  function grows<T>(A: Arith<T>): void {
    const a = activeOf(A, 2);
    a.AF[1 * AS + HOLD] = A.of(2.5);
    a.alist[1 * LS + LSLOT] = 41;
    a.alist[1 * LS + LSEQ] = 42;
    const b = activeOf(A, 4, a);
    expect(A.str(b.AF[1 * AS + HOLD]!)).toBe('2.5');
    expect(b.alist[1 * LS + LSLOT]).toBe(41);
    expect(b.alist[1 * LS + LSEQ]).toBe(42);
    expect(A.isZero(b.AF[3 * AS + HOLD]!)).toBe(true);
    const r = recordsOf(A, 2);
    r.F[1 * FS + 1] = A.of(3.25);
    r.I[1 * IS + HPOS] = 9;
    const s = recordsOf(A, 4, r);
    expect(s.I[1 * IS + HPOS]).toBe(9);
    expect(A.str(s.F[1 * FS + 1]!)).toBe('3.25');
  }
  it('growing keeps every figure, slot and sequence (fast)', () => grows(fast));
  it('growing keeps every figure, slot and sequence (exact)', () => grows(exact));
});
