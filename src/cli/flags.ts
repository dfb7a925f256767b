/**
 * How the commands read a flag on the command line: `--name value` or `--name=value`. Node only
 * and none of the engine, so that a command's entry (bin/*.ts) can read its arguments before it
 * loads the engine.
 */

/** an argument split at its first '=' when it is a flag: ['--seeds', '100'] for '--seeds=100' */
export function splitFlag(a: string): [flag: string, inline: string | undefined] {
  const at = a.startsWith('--') ? a.indexOf('=') : -1;
  return at < 0 ? [a, undefined] : [a.slice(0, at), a.slice(at + 1)];
}

/** does the command line give this flag, in either form? */
export function hasFlag(argv: readonly string[], flag: string): boolean {
  return argv.some((a) => splitFlag(a)[0] === flag);
}

/** the value the command line gives a flag first (the next argument, or after '='), if any */
export function flagValue(argv: readonly string[], flag: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const [f, inline] = splitFlag(argv[i]!);
    if (f === flag) return inline ?? argv[i + 1];
  }
  return undefined;
}
