/**
 * The package as a user installs it, away from the checkout: `npm pack` (which builds lib/), the
 * tarball installed into a fresh folder, and then
 * - the commands run on scenario and sweep files given relative to that folder, `--help` prints
 *   their usage, on this Node and on the machine's own node binaries (Node 20 here);
 * - `engines` says what those runs show, and the install prints no EBADENGINE warning;
 * - the engine imports in plain Node (.mjs) and type-checks (.ts, the checkout's tsc against the
 *   installed package's declarations, skipLibCheck off so the declarations themselves are checked).
 *
 * Expected figures are the seed's, worked by hand (RULEBOOK §6): an order of 1000 puts 300 in the
 * pool and, at the initial price 1, gifts 0.7 × 1000 × 0.3 = 210 points; the price becomes
 * 300 / 210 = 1.428571428571428571428571428571428571429 (40 significant digits, half-even).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packAndInstall, PKG, ROOT, satisfiesMinimum, systemNodes, type Installed } from './pack.ts';

const PRICE_AFTER_ONE_ORDER = '1.428571428571428571428571428571428571429';
const ONE_ORDER = { script: [{ order: { user: 'A', amount: 1000 } }] };
const FLOW = {
  rules: { exitMultiple: 2 },
  flow: { days: 20, seed: 5, orderAmount: { kind: 'fixed', amount: 1000 }, buyers: { perDay: 10 }, sell: { ratePerDay: 0.05 }, cohortDays: 10 },
};

let pkg: Installed;
const run = (node: string, bin: string, args: string[], input?: string) => {
  const r = spawnSync(node, [pkg.bin(bin), ...args], { cwd: pkg.dir, encoding: 'utf8', input });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

beforeAll(() => {
  pkg = packAndInstall();
  mkdirSync(join(pkg.dir, 'scenarios'));
  writeFileSync(join(pkg.dir, 'scenarios', 'one-order.json'), JSON.stringify(ONE_ORDER));
  writeFileSync(join(pkg.dir, 'scenarios', 'flow.json'), JSON.stringify(FLOW));
  mkdirSync(join(pkg.dir, 'grids'));
  // the base is found relative to the sweep file, not to the working directory
  writeFileSync(join(pkg.dir, 'grids', 'sell.json'), JSON.stringify({ base: '../scenarios/flow.json', x: { param: 'flow.sell.ratePerDay', values: [0, 0.1] }, outcomes: ['finalPrice', 'forcedExits'] }));
}, 240_000);

afterAll(() => {
  if (!pkg) return;
  rmSync(pkg.dir, { recursive: true, force: true });
  rmSync(dirname(pkg.tgz), { recursive: true, force: true });
});

describe('the installed package', { timeout: 60_000 }, () => {
  it('ships the built commands and engine, the schemas and the rules page, and no sources or tests', () => {
    const list = spawnSync('tar', ['-tzf', pkg.tgz], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
    for (const f of ['package/lib/bin/simulate.js', 'package/lib/bin/sweep.js', 'package/lib/bin/sweep-merge.js', 'package/lib/bin/pool-worker.js', 'package/lib/bin/picks-worker.js', 'package/lib/engine/api.js', 'package/lib/engine/api.d.ts', 'package/schema/scenario.v1.schema.json', 'package/content/en/method.md', 'package/content/zh/method.md', 'package/README.md']) {
      expect(list, f).toContain(f);
    }
    expect(list.filter((f) => /\.ts$/.test(f) && !f.endsWith('.d.ts'))).toEqual([]);
    expect(list.filter((f) => /^package\/(src|test|node_modules|dist)\//.test(f))).toEqual([]);
    // only what the engine needs at run time is installed beside it
    const installed = JSON.parse(readFileSync(join(pkg.pkgDir, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(installed.dependencies).sort()).toEqual(['decimal.js', 'zod']);
  });

  it('installs with the machine’s own npm and node without an engine warning', () => {
    expect(pkg.installNode).toMatch(/^v\d+\./);
    expect(pkg.installLog, `npm install on ${pkg.installNode}`).not.toMatch(/EBADENGINE/);
  });

  it('points-pool-simulate runs a scenario given relative to the working folder', () => {
    const csv = run(process.execPath, 'points-pool-simulate', ['scenarios/one-order.json', '--format', 'csv']);
    expect(csv.err).toBe('');
    expect(csv.code).toBe(0);
    expect(csv.out).toBe(`step,event,user,amount,issued,sold,value,paid,price,pool,points,forcedExits\n1,order,A,1000,210,,,,${PRICE_AFTER_ONE_ORDER},300,210,\n`);
    const flow = run(process.execPath, 'points-pool-simulate', ['scenarios/flow.json']);
    expect(flow.code).toBe(0);
    // 20 days of 10 buyers of 1000 each
    const r = JSON.parse(flow.out) as { days: unknown[]; counts: { users: number }; aggregate: { totalSpend: number } };
    expect(r.days).toHaveLength(20);
    expect(r.counts.users).toBe(200);
    expect(r.aggregate.totalSpend).toBe(200_000);
    // a missing file is named as given, exit code 2, nothing on stdout
    const missing = run(process.execPath, 'points-pool-simulate', ['scenarios/nope.json']);
    expect([missing.code, missing.out, missing.err]).toEqual([2, '', 'simulate: scenarios/nope.json: no such file\n']);
  });

  it('every command prints its usage under its installed name with --help', () => {
    for (const [bin, file] of Object.entries(PKG.bin)) {
      // through npm's link in node_modules/.bin, the installed file itself run by its path, and the
      // link run as a program (its #!/usr/bin/env node line, the node first on PATH)
      const direct = spawnSync(join(pkg.pkgDir, file), ['--help'], { cwd: pkg.dir, encoding: 'utf8' });
      for (const r of [run(process.execPath, bin, ['--help']), spawnSync(process.execPath, [join(pkg.pkgDir, file), '--help'], { cwd: pkg.dir, encoding: 'utf8' }), direct]) {
        const out = 'out' in r ? r.out : r.stdout;
        expect('code' in r ? r.code : r.status, bin).toBe(0);
        expect(out, bin).toMatch(new RegExp(`^usage: ${bin} `));
        // once: the command's main runs once, whichever way it is started
        expect(out.match(/^usage:/gm), bin).toHaveLength(1);
        expect(out, bin).not.toContain('npm run');
      }
    }
  });

  it('points-pool-sweep reads its base relative to the sweep file; shards merge into the same CSV', () => {
    const whole = run(process.execPath, 'points-pool-sweep', ['grids/sell.json', '--workers', '2']);
    expect(whole.code).toBe(0);
    const lines = whole.out.trimEnd().split('\n');
    expect(lines[0]).toBe('flow.sell.ratePerDay,finalPrice,forcedExits');
    expect(lines.map((l) => l.split(',')[0])).toEqual(['flow.sell.ratePerDay', '0', '0.1']);
    for (const k of [1, 2]) expect(run(process.execPath, 'points-pool-sweep', ['grids/sell.json', '--shard', `${k}/2`, '--out', `slice-${k}.json`]).code).toBe(0);
    const merged = run(process.execPath, 'points-pool-sweep-merge', ['slice-2.json', 'slice-1.json']);
    expect(merged.code).toBe(0);
    expect(merged.out).toBe(whole.out);
  });

  it('the engine imports in plain Node (.mjs) and runs a script, a flow, a sweep and Monte Carlo', () => {
    const mjs = join(pkg.dir, 'use.mjs');
    writeFileSync(
      mjs,
      `import { runScenario, runFlowScenario, validateSweep, runSweep, monteCarlo, validateScenario, InlineRunner, ENGINE_NAME, ENGINE_VERSION } from '${PKG.name}';
const one = runScenario(${JSON.stringify(ONE_ORDER)});
const flow = runFlowScenario(${JSON.stringify(FLOW)});
const sweep = validateSweep({ base: ${JSON.stringify(FLOW)}, x: { param: 'rules.exitMultiple', values: [2, null] }, outcomes: ['forcedExits'] });
const rows = await runSweep(sweep.sweep, new InlineRunner());
const v = validateScenario(${JSON.stringify(FLOW)});
const mc = await monteCarlo(v.scenario, 3, new InlineRunner());
const bad = runScenario({ script: [{ order: { amount: -1 } }] });
console.log(JSON.stringify({ engine: ENGINE_NAME + ' ' + ENGINE_VERSION, price: one.result.final.price, days: flow.result.days.length, rows: rows.rows.map((r) => [r.x, r.values[0]]), seeds: mc.result.seeds, bad: bad.problems }));
`,
    );
    const r = spawnSync(process.execPath, [mjs], { cwd: pkg.dir, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const o = JSON.parse(r.stdout) as { engine: string; price: string; days: number; rows: [unknown, number][]; seeds: unknown; bad: unknown };
    expect(o.engine).toMatch(/^points-pool-explorer \d+\.\d+\.\d+$/);
    expect(o.price).toBe(PRICE_AFTER_ONE_ORDER);
    expect(o.days).toBe(20);
    // exits off: nobody is forced out
    expect(o.rows[1]).toEqual([null, 0]);
    expect(o.seeds).toEqual({ from: 5, count: 3 });
    expect(o.bad).toEqual([{ path: 'script[0].order.amount', message: 'must be >= 0.01; got -1 (amounts are money: at least one cent)' }]);
  });

  it('the engine type-checks against the installed declarations (strict, NodeNext, skipLibCheck off)', () => {
    writeFileSync(
      join(pkg.dir, 'use.ts'),
      `import { runScenario, runFlowScenario, validateScenario, parseSweep, runSweep, monteCarlo, InlineRunner, formatProblem, type ScenarioInput, type ScriptResult, type FlowResult, type Problem, type MonteCarloResult, type SweepRow, type TaskRunner } from '${PKG.name}';

const input: ScenarioInput = { script: [{ order: { user: 'A', amount: 1000 } }] };
const out = runScenario(input);
export const price: string | undefined = out.ok ? out.result.final.price : undefined;
export const problems: Problem[] = out.ok ? [] : out.problems;
export const lines: string[] = problems.map(formatProblem);
const flow = runFlowScenario({ flow: { days: 10, buyers: { perDay: 1 } } });
export const result: FlowResult | null = flow.ok ? flow.result : null;
export const script: ScriptResult | null = out.ok ? out.result : null;
const runner: TaskRunner = new InlineRunner();
export async function both(): Promise<[SweepRow[], MonteCarloResult | null]> {
  const s = parseSweep('{}');
  const rows = s.ok ? await runSweep(s.sweep, runner) : null;
  const v = validateScenario(input);
  const mc = v.ok && v.scenario.flow ? await monteCarlo({ ...v.scenario, flow: v.scenario.flow }, 2, runner) : null;
  return [rows?.ok ? rows.rows : [], mc?.ok ? mc.result : null];
}
// @ts-expect-error the script's figures are decimal strings, not numbers
export const wrong: number | undefined = out.ok ? out.result.final.price : undefined;
// @ts-expect-error an unknown rule is not a scenario
export const bad: ScenarioInput = { rules: { giftRatios: 1 } };
`,
    );
    writeFileSync(
      join(pkg.dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { strict: true, noEmit: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', skipLibCheck: false, types: [] }, files: ['use.ts'] }),
    );
    const tsc = createRequire(join(ROOT, 'package.json')).resolve('typescript/bin/tsc');
    const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: pkg.dir, encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('engines and the machine’s own Node agree', { timeout: 60_000 }, () => {
  const nodes = systemNodes();
  // the machine's own nodes that engines admits are run; one it does not admit is left alone (and named)
  const admitted = nodes.filter((n) => satisfiesMinimum(n.version, PKG.engines.node));
  const below = nodes.filter((n) => !admitted.includes(n));
  // the machine has a Node 20: engines must admit it, so that it is run (the issue's promise)
  const node20 = nodes.find((n) => n.version.startsWith('v20.'));

  it(`engines.node (${PKG.engines.node}) admits this Node (${process.version}); the machine's own: ${nodes.map((n) => n.version).join(', ') || 'none found'}${below.length ? `, not run on ${below.map((n) => n.version).join(', ')} (below engines)` : ''}`, () => {
    expect(satisfiesMinimum(process.version, PKG.engines.node)).toBe(true);
  });

  it.each(admitted.map((n) => [n.version, n.path] as const))('the packed commands run on %s (%s): a relative scenario, --help, a sweep in worker threads', (_, node) => {
    const csv = run(node, 'points-pool-simulate', ['scenarios/one-order.json', '--format', 'csv']);
    expect(csv.err).toBe('');
    expect(csv.out.split('\n')[1]).toBe(`1,order,A,1000,210,,,,${PRICE_AFTER_ONE_ORDER},300,210,`);
    expect(run(node, 'points-pool-simulate', ['--help']).out).toMatch(/^usage: points-pool-simulate /);
    const sweep = run(node, 'points-pool-sweep', ['grids/sell.json', '--workers', '2']);
    expect(sweep.code).toBe(0);
    expect(sweep.out).toBe(run(process.execPath, 'points-pool-sweep', ['grids/sell.json', '--workers', '1']).out);
    const mc = run(node, 'points-pool-simulate', ['scenarios/flow.json', '--seeds', '2', '--workers', '2']);
    expect(mc.code).toBe(0);
    expect((JSON.parse(mc.out) as { seeds: unknown }).seeds).toEqual({ from: 5, count: 2 });
  });

  it.skipIf(!node20)('engines admits Node 20, and a Node 20 is among the nodes run (so the lowest major version engines admits is tested)', () => {
    expect(satisfiesMinimum('v20.0.0', PKG.engines.node)).toBe(true);
    expect(admitted).toContain(node20);
  });
});
