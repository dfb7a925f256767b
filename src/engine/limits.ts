/**
 * Limits on what a scenario may ask of the engine, checked before anything is allocated or run
 * (README, "Limits"). Two kinds:
 * - **Amounts** (part of the scenario format, in the schema): money from one cent to MAX_AMOUNT, the
 *   largest round amount at which float64 still tells cents apart (doubles below 2^45 = 3.5e13 lie
 *   at most 1/256 apart). Not raisable: beyond it the fast path's figures stop being money.
 * - **Run size** (the machine's, raisable with `--limit NAME=VALUE`): buyers a run creates, events it
 *   processes (orders, sales) and script steps, estimated from the scenario alone (the flow's
 *   expected buyers, repeat and sell rates), so that a run that would not fit is refused at once,
 *   naming the field, the limit and why, instead of growing past the memory or running for hours.
 *   The estimate and the check are scenario/size.ts's; the figures are here, with nothing imported,
 *   so that the schema reads them.
 */
import type { Problem } from './problem.ts';

/** The largest money amount a scenario may give (1e13: ten trillion, to the cent in float64). */
export const MAX_AMOUNT = 1e13;
/** The smallest: one cent. */
export const MIN_AMOUNT = 0.01;
/** The most points a script may sell at once (a sale beyond the holding is refused anyway). */
export const MAX_POINTS = 1e15;

export interface RunLimits {
  /** buyers a time-driven run may create (fast path: 33 bytes each and 57 more while active, exact path: about 2 KB) */
  buyers: number;
  /** orders and sales a time-driven run may process (about 4.2 million a second end to end on the fast path: the limit is about 4 minutes) */
  events: number;
  /** steps a script may expand to (every step is printed: about 550 bytes of JSON each) */
  steps: number;
}

/** Default limits: what a machine with 4 GB to spare runs in a few minutes. */
export const DEFAULT_LIMITS: { fast: RunLimits; exact: RunLimits } = {
  fast: { buyers: 30_000_000, events: 1_000_000_000, steps: 250_000 },
  exact: { buyers: 1_000_000, events: 20_000_000, steps: 250_000 },
};

export const LIMIT_NAMES = ['buyers', 'events', 'steps'] as const;
export type LimitName = (typeof LIMIT_NAMES)[number];

/** Parse one `--limit NAME=VALUE` into the limits; a problem otherwise. */
export function parseLimit(text: string | undefined, into: Partial<RunLimits>): Problem | null {
  const m = /^([a-z]+)=(\d+(?:\.\d+)?(?:e\d+)?)$/i.exec(text ?? '');
  if (!m || !LIMIT_NAMES.includes(m[1] as LimitName)) {
    return { path: '--limit', message: `must be NAME=VALUE with NAME one of ${LIMIT_NAMES.join(', ')} and VALUE a positive number (e.g. buyers=1e8); got ${text === undefined ? 'nothing' : JSON.stringify(text.slice(0, 60))}` };
  }
  const v = Number(m[2]);
  if (!(v >= 1) || !Number.isFinite(v)) return { path: '--limit', message: `${m[1]} must be at least 1; got ${m[2]}` };
  into[m[1] as LimitName] = v;
  return null;
}

/**
 * Every number in a result is finite (JSON would print Infinity and NaN as null), and no exact
 * figure reads Infinity or NaN: the path of the first one that is not, or null when all are.
 */
export function firstNonFinite(value: unknown, path = ''): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : path || '(result)';
  if (typeof value === 'string') return /^-?(Infinity|NaN)$/.test(value) ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = firstNonFinite(value[i], `${path}[${i}]`);
      if (p !== null) return p;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const k of Object.keys(value)) {
      const p = firstNonFinite((value as Record<string, unknown>)[k], path ? `${path}.${k}` : k);
      if (p !== null) return p;
    }
  }
  return null;
}
