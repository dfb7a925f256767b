/**
 * The package as a user gets it: `npm pack` in the checkout (prepack builds lib/), then the tarball
 * installed into a fresh folder outside the checkout with `npm install ./the.tgz` (dependencies
 * from the npm cache when there, else the registry). Used by test/package/pack.test.ts and
 * bench/startup.ts.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const PKG = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  engines: { node: string };
  bin: Record<string, string>;
};

export interface Installed {
  /** the scratch project the tarball is installed in */
  dir: string;
  tgz: string;
  /** what `npm install` printed (stdout and stderr) */
  installLog: string;
  /** the Node version npm ran the install on: the machine's own when it has one outside node_modules */
  installNode: string;
  /** the installed package's folder */
  pkgDir: string;
  bin: (name: string) => string;
}

/** PATH without node_modules folders: `npm` and `node` as the machine has them, not the pinned node@22 */
const systemPath = (): string => (process.env['PATH'] ?? '').split(delimiter).filter((d) => d && !d.includes('node_modules')).join(delimiter);

const npm = (args: string[], cwd: string, path = process.env['PATH']): string => {
  const r = spawnSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, PATH: path, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' } });
  if (r.status !== 0) throw new Error(`npm ${args.join(' ')} (in ${cwd}) failed with exit code ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return `${r.stdout}\n${r.stderr}`;
};

export function packAndInstall(): Installed {
  const out = mkdtempSync(join(tmpdir(), 'ppe-pack-'));
  npm(['pack', '--pack-destination', out], ROOT);
  const tgz = join(out, `${PKG.name}-${PKG.version}.tgz`);
  if (!existsSync(tgz)) throw new Error(`npm pack wrote no ${tgz}`);
  const dir = mkdtempSync(join(tmpdir(), 'ppe-user-'));
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'scratch', private: true, type: 'module' }, null, 2)}\n`);
  // installed as a user would, with the machine's own npm and node (Node 20 here), when it has them
  // and engines admits that node; else with this test's
  const ownNode = spawnSync('node', ['--version'], { encoding: 'utf8', env: { ...process.env, PATH: systemPath() } });
  const own = ownNode.status === 0 && satisfiesMinimum(ownNode.stdout.trim(), PKG.engines.node) && spawnSync('npm', ['--version'], { env: { ...process.env, PATH: systemPath() } }).status === 0;
  const path = own ? systemPath() : process.env['PATH'];
  const installNode = execFileSync('node', ['--version'], { encoding: 'utf8', env: { ...process.env, PATH: path } }).trim();
  const installLog = npm(['install', tgz, '--prefer-offline'], dir, path);
  const pkgDir = join(dir, 'node_modules', PKG.name);
  return { dir, tgz, installLog, installNode, pkgDir, bin: (name) => join(dir, 'node_modules', '.bin', name) };
}

/**
 * The machine's own node binaries: every `node` on PATH outside a node_modules folder (inside
 * `npm run`, the node@22 devDependency comes first on PATH), plus /usr/bin/node and
 * /usr/local/bin/node; one entry per real file, with its version.
 */
export function systemNodes(): { path: string; version: string }[] {
  const seen = new Map<string, { path: string; version: string }>();
  const candidates = [...(process.env['PATH'] ?? '').split(delimiter).filter((d) => d && !d.includes('node_modules')).map((d) => join(d, 'node')), '/usr/bin/node', '/usr/local/bin/node'];
  for (const c of candidates) {
    if (!existsSync(c)) continue;
    const real = realpathSync(c);
    if (seen.has(real)) continue;
    try {
      seen.set(real, { path: c, version: execFileSync(c, ['--version'], { encoding: 'utf8' }).trim() });
    } catch {
      // not runnable: not a node we can test
    }
  }
  return [...seen.values()];
}

/** Whether a version (v20.20.2) is within a range of the only form `engines` uses here: >=N or >=N.M.P */
export function satisfiesMinimum(version: string, range: string): boolean {
  const m = /^>=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(range.trim());
  if (!m) throw new Error(`engines.node is "${range}"; this check reads only ">=N[.M.P]"`);
  const want = [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)];
  const have = version.replace(/^v/, '').split('.').map(Number);
  for (let i = 0; i < 3; i++) if (have[i]! !== want[i]!) return have[i]! > want[i]!;
  return true;
}
