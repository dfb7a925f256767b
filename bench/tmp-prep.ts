import { BufferPool, keepAmounts } from '../src/engine/index.ts';
import { keepBuffers, keptAmountsFor, keptBytesFor, runExplorer } from '../src/explorer/run.ts';
import { buildScenario } from '../src/explorer/params.ts';
import { DEFAULTS } from '../src/explorer/table.ts';
import { Preparer } from '../src/explorer/prepare.ts';
import { PREVIEW_BUYERS } from '../src/explorer/client.ts';
const pool = new BufferPool(keptBytesFor(8));
keepBuffers(pool);
keepAmounts(keptAmountsFor(8));
let next: (() => void) | null = null;
const prep = new Preparer((s) => (next = s), undefined, pool);
const drain = () => { while (next) { const s = next; next = null; s(); } };
const req = (perDay: number, coarse = 0) => ({ scenario: buildScenario({ ...DEFAULTS, perDay }).scenario, follow: null, stress: null, pinned: null, ...(coarse ? { coarseBuyers: coarse } : {}) }) as never;
const run = (perDay: number) => { const t = performance.now(); runExplorer(req(perDay)); return performance.now() - t; };
const mode = process.argv[2] ?? 'full';
const out: string[] = [];
for (let round = 0; round < 8; round++) {
  // warm: a full run at 100/day, then prepared as the worker prepares after a full run
  run(100 + round); prep.aim(req(100 + round)); drain();
  if (mode === 'previews') { for (let v = 110; v <= 290; v += 10) { prep.preview(req(v + round, PREVIEW_BUYERS)); drain(); } }
  if (mode === 'ready300') { prep.aim(req(300 - round), 1); drain(); }
  out.push(run(300 - round).toFixed(0));
}
console.log(mode, out.join(' '));
