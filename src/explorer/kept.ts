/**
 * A bounded memory of results by key, newest last: the client's final results (CACHE_SIZE), a
 * drag's previews (PREVIEWS_KEPT) and each worker's last runs (run.ts KEPT_RUNS) all keep this way.
 */
/** keep `value` under `key` as the newest, the oldest going when there are more than `limit` */
export function keepNewest<K, V>(kept: Map<K, V>, key: K, value: V, limit: number): void {
  kept.delete(key);
  kept.set(key, value);
  if (kept.size > limit) kept.delete(kept.keys().next().value!);
}
