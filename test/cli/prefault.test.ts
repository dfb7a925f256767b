/**
 * The command's allocator of large record buffers (src/cli/prefault.ts) and the engine's use of it
 * (buffers.ts useLargeBuffers): a buffer as zeroed as an ArrayBuffer, whose thread writes each page
 * without changing what the run has already written there; used only for slot records of LARGE_RECORDS
 * bytes or more, so small runs (a sweep cell, a Monte Carlo seed, the explorer) never start a thread.
 */
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { fast } from '../../src/engine/arith.ts';
import { FS, RECORD_SHIFT, recordsOf } from '../../src/engine/models/seed/records.ts';
import { useLargeBuffers } from '../../src/engine/buffers.ts';
import { LARGE_RECORDS, largeRecords, prefaulted, prefaultThread } from '../../src/cli/prefault.ts';

afterEach(() => useLargeBuffers(null));

describe('prefaulted record buffers', () => {
  it('a thread writes every page and leaves each value the run wrote as it was', async () => {
    // 64 pages of 4096 bytes: the thread writes int32 0, 1024, 2048, ... (one a page)
    const buf = new SharedArrayBuffer(64 * 4096);
    const a = new Int32Array(buf);
    // the run's own writes before the thread gets there: at page starts (where the thread writes) and beside them
    a[0] = 7;
    a[1024 * 5] = -1;
    a[1024 * 63] = 123456;
    a[1024 * 9 + 1] = 42;
    const w = prefaultThread(buf);
    expect(w).not.toBeNull();
    await once(w!, 'exit');
    expect(a[0]).toBe(7);
    expect(a[1024 * 5]).toBe(-1);
    expect(a[1024 * 63]).toBe(123456);
    expect(a[1024 * 9 + 1]).toBe(42);
    // every other int still 0: 4 values written, the rest as allocated
    expect(a.reduce((n, x) => n + (x !== 0 ? 1 : 0), 0)).toBe(4);
  });

  it('gives a zeroed shared buffer of the size asked', () => {
    const b = prefaulted(3 * 4096 + 48);
    expect(b).toBeInstanceOf(SharedArrayBuffer);
    expect(b.byteLength).toBe(3 * 4096 + 48);
    expect(new Int32Array(b).every((x) => x === 0)).toBe(true);
  });

  it('the command prefaults only slot records of LARGE_RECORDS bytes or more, and the engine uses what it gives', () => {
    // under the threshold, or the active list's records: null, so the engine makes its own ArrayBuffer (no thread)
    expect(largeRecords(LARGE_RECORDS - 1, 'slots')).toBeNull();
    expect(largeRecords(LARGE_RECORDS, 'active')).toBeNull();
    useLargeBuffers(largeRecords);
    // 32-byte records (FS doubles): 1,000 slots are 32,000 bytes, under the 64 MB threshold
    expect(recordsOf(fast, 1000).I.buffer).toBeInstanceOf(ArrayBuffer);
    // LARGE_RECORDS / 32 slots are over it by the records' shift
    const n = LARGE_RECORDS / (FS * 8);
    const r = recordsOf(fast, n);
    expect(r.I.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(r.I.buffer.byteLength).toBe(n * FS * 8 + RECORD_SHIFT);
  });
});
