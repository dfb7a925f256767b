/** One problem with an input: where (a dotted/bracketed path) and what is allowed. */
export interface Problem {
  path: string;
  message: string;
}

/** `path: message`, or the message alone when the problem is with the whole input. */
export const formatProblem = (p: Problem): string => (p.path ? `${p.path}: ${p.message}` : p.message);
