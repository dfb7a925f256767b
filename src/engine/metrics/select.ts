/**
 * Order statistics without a full sort: quickselect (Hoare partition, median-of-three pivot) in
 * place on a typed array. The k-th smallest lands at index k with everything before it no larger
 * and everything after no smaller, so several ranks in increasing order can be selected in
 * shrinking ranges.
 */
type Numeric = Float64Array | Int32Array;

export function selectInPlace(a: Numeric, k: number, lo = 0, hi = a.length - 1): number {
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    // median of three to the middle
    if (a[mid]! < a[lo]!) swap(a, mid, lo);
    if (a[hi]! < a[lo]!) swap(a, hi, lo);
    if (a[hi]! < a[mid]!) swap(a, hi, mid);
    const pivot = a[mid]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k]!;
  }
  return a[k]!;
}

function swap(a: Numeric, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}

/** The values at the given ranks (increasing), each the k-th smallest of a[lo..hi]. */
export function selectRanks(a: Numeric, ranks: readonly number[], lo = 0, hi = a.length - 1): number[] {
  const out: number[] = [];
  let from = lo;
  for (const k of ranks) {
    out.push(selectInPlace(a, k, from, hi));
    from = k;
  }
  return out;
}
