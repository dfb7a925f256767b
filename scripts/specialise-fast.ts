/**
 * `npm run specialise`: writes the float64 specialisation of the seed's book from its one source.
 *
 * The seed's rules, book and threshold heap are written once, over the arithmetic interface
 * (src/engine/models/seed/rules.ts, book.ts and heap.ts); the exact path runs them on decimals as
 * they are. For the fast path this script rewrites the same source with the float calculator's
 * operations in place of the calls to it (A.add(a, b) -> a + b, A.cmp(a, b) >= 0 -> a >= b,
 * A.isZero(a) -> a === 0, ...), T -> number, SeedBook -> FastSeedBook, SlotHeap -> FastSlotHeap,
 * and writes rules.fast.ts, book.fast.ts and heap.fast.ts beside them. The result is the same code, with the same
 * order of operations, minus the calls: small enough for V8 to inline the hot paths, which the
 * generic code on floats is not (it measured about 40% slower end to end; see CONTRIBUTING).
 *
 * What the fast path is not, the fast book leaves out: platform rounding (branches on
 * this.roundMoney/Points/Price/Gift >= 0, the hooks pts, ptsDown and money, the quoted price), the exact path's
 * branches (A.mode === 'fast' decides), the scripted engine's named users (`if (this.named)`); and it
 * always keeps the solvency accumulators (`if (this.tracking)`). A rule of rules.ts that is one
 * return expression is written in place where the book or the heap calls it. The record layout's
 * offsets (records.ts) become the fast book's own constants (see localConstants).
 *
 * Why the heap too: the generic heap keeps its keys in a store of either kind and orders them by the
 * rules' order of thresholds over the calculator; its float64 specialisation keeps them in a
 * Float64Array and orders them by the fast rule, as the hand-written fast heap of c36883c did, and
 * stays monomorphic in a process that runs both paths. (Measured with bench/fast.ts against c36883c,
 * interleaved: the record offsets as constants brought the fast path from about 5% slower to about
 * 5% faster; the heap's specialisation added no difference beyond the machine's noise.)
 *
 * The rounded float book (book.rounding.fast.ts, class FastRoundingBook) is the same book specialised
 * with its platform rounding kept (the hooks pts, ptsDown, money, onPoints and onMoney, the quoted price, the branches on
 * this.roundX >= 0; the float calculator's round, arith.ts roundFloat, does the rounding) and without
 * the constructor's refusal of rounding: the back-office profile (RULEBOOK §9.2) on float64, which the
 * explorer runs where the exact path takes seconds (test/engine/rounding-fast.test.ts holds it to the
 * exact path to the cent). It shares the fast rules and the fast heap with FastSeedBook.
 *
 * Never edit the .fast.ts files: edit the source and run this. test/engine/one-core.test.ts fails
 * when they are not what this script writes from the source now.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import * as records from '../src/engine/models/seed/records.ts';

const DIR = fileURLToPath(new URL('../src/engine/models/seed/', import.meta.url));

/** the generic sources and what each becomes */
export const SPECIALISED = [
  { from: 'rules.ts', to: 'rules.fast.ts', what: 'rules' },
  { from: 'book.ts', to: 'book.fast.ts', what: 'book' },
  { from: 'heap.ts', to: 'heap.fast.ts', what: 'threshold heap' },
  // the back-office profile on floats (RULEBOOK §9.2): the same book with its platform rounding kept
  { from: 'book.ts', to: 'book.rounding.fast.ts', what: 'book with its platform rounding (the back-office profile on floats)' },
] as const;

/** the outputs that keep the source's platform rounding (the rounded float book), and their class's name */
const ROUNDING: Record<string, string> = { 'book.rounding.fast.ts': 'FastRoundingBook' };

/** the generic classes and their float64 specialisations' names */
const CLASSES: Record<string, string> = { SeedBook: 'FastSeedBook', SlotHeap: 'FastSlotHeap' };
/** modules the specialised files import from in place of the generic ones */
const MODULES: Record<string, string> = Object.fromEntries(SPECIALISED.filter(({ to }) => !(to in ROUNDING)).map(({ from, to }) => [`./${from}`, `./${to}`]));

const BINARY: Record<string, ts.BinaryOperator> = {
  add: ts.SyntaxKind.PlusToken,
  sub: ts.SyntaxKind.MinusToken,
  mul: ts.SyntaxKind.AsteriskToken,
  div: ts.SyntaxKind.SlashToken,
};
const COMPARISONS = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.LessThanToken,
  ts.SyntaxKind.LessThanEqualsToken,
  ts.SyntaxKind.GreaterThanToken,
  ts.SyntaxKind.GreaterThanEqualsToken,
  ts.SyntaxKind.EqualsEqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsEqualsToken,
]);

const f = ts.factory;

/** `A` or `this.A`: the calculator */
function isCalculator(e: ts.Expression): boolean {
  return (ts.isIdentifier(e) && e.text === 'A') || (ts.isPropertyAccessExpression(e) && e.expression.kind === ts.SyntaxKind.ThisKeyword && e.name.text === 'A');
}
/** `A.mode === 'fast'` (true), `A.mode !== 'fast'` (false), else undefined: which number system a branch is for */
function fastBranch(e: ts.Expression): boolean | undefined {
  if (!ts.isBinaryExpression(e) || !ts.isPropertyAccessExpression(e.left) || !isCalculator(e.left.expression) || e.left.name.text !== 'mode') return undefined;
  if (!ts.isStringLiteral(e.right)) return undefined;
  const eq = e.operatorToken.kind === ts.SyntaxKind.EqualsEqualsEqualsToken ? true : e.operatorToken.kind === ts.SyntaxKind.ExclamationEqualsEqualsToken ? false : undefined;
  if (eq === undefined) return undefined;
  return (e.right.text === 'fast') === eq;
}

/** the method name of a call A.x(...) / this.A.x(...), else undefined */
function calculatorCall(e: ts.Node): string | undefined {
  if (!ts.isCallExpression(e) || !ts.isPropertyAccessExpression(e.expression)) return undefined;
  return isCalculator(e.expression.expression) ? e.expression.name.text : undefined;
}
const paren = (e: ts.Expression) => f.createParenthesizedExpression(e);
const isSimple = (e: ts.Expression): boolean =>
  ts.isIdentifier(e) || ts.isNumericLiteral(e) || (ts.isPropertyAccessExpression(e) && e.expression.kind === ts.SyntaxKind.ThisKeyword) || (ts.isAsExpression(e) && isSimple(e.expression));

/** a rule that is one return expression: its parameters (the calculator's first) and the expression */
interface InlineRule {
  params: string[];
  expr: ts.Expression;
}

/** the rules of rules.ts that are one `return` expression, by name */
function inlineRules(text: string): Map<string, InlineRule> {
  const source = ts.createSourceFile('rules.ts', text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out = new Map<string, InlineRule>();
  for (const st of source.statements) {
    if (!ts.isFunctionDeclaration(st) || st.name === undefined || st.body === undefined || st.body.statements.length !== 1) continue;
    const ret = st.body.statements[0]!;
    if (!ts.isReturnStatement(ret) || ret.expression === undefined) continue;
    const params = st.parameters.map((p) => (p.name as ts.Identifier).text);
    // the calculator first, present or not, so that arguments line up with params.slice(1)
    out.set(st.name.text, { params: params[0] === 'A' ? params : ['A', ...params], expr: ret.expression });
  }
  return out;
}

/** pure and cheap to evaluate twice: names, literals, this.x, a[i], x!, sums and products of those */
function isPure(e: ts.Expression): boolean {
  if (ts.isIdentifier(e) || ts.isNumericLiteral(e) || e.kind === ts.SyntaxKind.ThisKeyword || e.kind === ts.SyntaxKind.NullKeyword) return true;
  if (ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e)) return isPure(e.expression);
  if (ts.isPropertyAccessExpression(e)) return isPure(e.expression);
  if (ts.isElementAccessExpression(e)) return isPure(e.expression) && isPure(e.argumentExpression);
  if (ts.isBinaryExpression(e)) return [ts.SyntaxKind.PlusToken, ts.SyntaxKind.MinusToken, ts.SyntaxKind.AsteriskToken].includes(e.operatorToken.kind) && isPure(e.left) && isPure(e.right);
  return false;
}

/**
 * A copy of an expression taken from another file (an inlined rule), with no positions in it: the
 * printer would otherwise read its names and comments from the book's text at the rule's offsets.
 */
function detach<N extends ts.Node>(node: N, ctx: ts.TransformationContext): N {
  const v = (x: ts.Node): ts.Node => {
    let y: ts.Node;
    if (ts.isIdentifier(x)) y = f.createIdentifier(x.text);
    else if (ts.isNumericLiteral(x)) y = f.createNumericLiteral(x.text);
    else if (ts.isStringLiteral(x)) y = f.createStringLiteral(x.text, true);
    else y = ts.visitEachChild(x, v, ctx);
    ts.setTextRange(y, { pos: -1, end: -1 });
    ts.setEmitFlags(y, ts.EmitFlags.NoComments);
    return y;
  };
  return v(node) as N;
}

/**
 * The fast path has no platform rounding (its book refuses rules that ask for it), so there the
 * rounding hooks are the identity and the quoted price is the price.
 */
const IDENTITY_HOOKS = new Set(['pts', 'ptsDown', 'money', 'onPoints', 'onMoney']);

/**
 * `import { FS, HOLD, storeOf, ... } from './records.ts'` -> `import { storeOf, ... } from
 * './records.ts'` and `const FS = 6; const HOLD = 3; ...`, the values records.ts gives them now.
 * V8 reads an imported binding through its module cell, checking at every use that it has been
 * initialised, and cannot fold it into the code; the record offsets are read on every access to a
 * user's figures, and as imports they cost the fast path about a tenth of its speed (measured with
 * bench/fast.ts against the hand-written fast book of c36883c, which had them as its own constants).
 */
function localConstants(node: ts.ImportDeclaration, consts: Readonly<Record<string, unknown>>, note: boolean): ts.Statement[] {
  const named = node.importClause?.namedBindings;
  if (named === undefined || !ts.isNamedImports(named) || node.importClause!.isTypeOnly) return [node];
  const isConst = (s: ts.ImportSpecifier) => !s.isTypeOnly && typeof consts[(s.propertyName ?? s.name).text] === 'number';
  const kept = named.elements.filter((s) => !isConst(s));
  const out: ts.Statement[] = [];
  if (kept.length > 0) out.push(f.updateImportDeclaration(node, node.modifiers, f.updateImportClause(node.importClause!, false, node.importClause!.name, f.updateNamedImports(named, kept)), node.moduleSpecifier, node.attributes));
  const decls = named.elements.filter(isConst).map((s) => {
    const v = consts[(s.propertyName ?? s.name).text] as number;
    const lit = v < 0 ? f.createPrefixMinus(f.createNumericLiteral(-v)) : f.createNumericLiteral(v);
    return f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(s.name.text, undefined, undefined, lit)], ts.NodeFlags.Const));
  });
  if (note && decls.length > 0) {
    ts.addSyntheticLeadingComment(
      decls[0]!,
      ts.SyntaxKind.SingleLineCommentTrivia,
      " records.ts's layout, its values written here: local constants fold into the code, imported ones are read from their module cell at every use",
      true,
    );
  }
  return [...out, ...decls];
}

function rewrite(file: string, text: string, rules: Map<string, InlineRule> | null, consts: Readonly<Record<string, unknown>> | null = null, rounding: string | null = null): string {
  // the class names of this output: the rounded float book is a class of its own beside FastSeedBook
  const classes: Record<string, string> = rounding === null ? CLASSES : { ...CLASSES, SeedBook: rounding };
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  // rewritten nodes have no parents, so whether a statement still uses the calculator is read from
  // its printed text: `A` as a name of its own
  const printer = ts.createPrinter();
  const mentionsCalculator = (s: ts.Statement) => /(^|[^.\w$])A\b/.test(printer.printNode(ts.EmitHint.Unspecified, s, source));
  const transformer: ts.TransformerFactory<ts.SourceFile> = (ctx) => {
    /** the record layout's constants are explained once, above the first of them */
    let constantsNoted = false;
    /** parameters of an inlined rule -> the call's (rewritten) arguments */
    let subst: Map<string, ts.Expression> | null = null;
    const visit = (node: ts.Node): ts.VisitResult<ts.Node> => {
      if (subst !== null && ts.isIdentifier(node) && subst.has(node.text) && !(ts.isPropertyAccessExpression(node.parent) && node.parent.name === node)) {
        return paren(subst.get(node.text)!);
      }
      if (rules !== null && rounding === null) {
        // this.pts(x), this.money(x) -> x; this.quotedPrice -> this.price
        if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.expression.kind === ts.SyntaxKind.ThisKeyword && IDENTITY_HOOKS.has(node.expression.name.text)) {
          return visit(node.arguments[0]!);
        }
        if (ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword && node.name.text === 'quotedPrice' && !(ts.isCallExpression(node.parent) && node.parent.expression === node)) {
          return f.createPropertyAccessExpression(f.createThis(), 'price');
        }
      }
      // A.cmp(a, b) OP 0 -> a OP b
      if (ts.isBinaryExpression(node) && COMPARISONS.has(node.operatorToken.kind) && calculatorCall(node.left) === 'cmp' && ts.isNumericLiteral(node.right) && node.right.text === '0') {
        const [a, b] = (node.left as ts.CallExpression).arguments;
        return f.createBinaryExpression(visit(a!) as ts.Expression, node.operatorToken.kind as ts.BinaryOperator, visit(b!) as ts.Expression);
      }
      const op = calculatorCall(node);
      if (op !== undefined) {
        const args = (node as ts.CallExpression).arguments.map((a) => visit(a) as ts.Expression);
        // the factory parenthesises by precedence; the outer parentheses keep the result one operand
        if (op in BINARY) return paren(f.createBinaryExpression(args[0]!, BINARY[op]!, args[1]!));
        if (op === 'isZero') return paren(f.createStrictEquality(args[0]!, f.createNumericLiteral(0)));
        if (op === 'isNeg') return paren(f.createLessThan(args[0]!, f.createNumericLiteral(0)));
        if (op === 'of') return f.createCallExpression(f.createIdentifier('Number'), undefined, args);
        if (op === 'cmp') {
          const [a, b] = args as [ts.Expression, ts.Expression];
          if (!isSimple(a) || !isSimple(b)) throw new Error(`${file}: A.cmp with a compound argument outside a comparison with 0: name it first`);
          // a < b ? -1 : a > b ? 1 : 0
          return paren(
            f.createConditionalExpression(
              f.createLessThan(a, b),
              undefined,
              f.createPrefixMinus(f.createNumericLiteral(1)),
              undefined,
              f.createConditionalExpression(f.createGreaterThan(a, b), undefined, f.createNumericLiteral(1), undefined, f.createNumericLiteral(0)),
            ),
          );
        }
        // round, str, num, isFinite, mode: the float calculator's own, as they are
      }
      // if (this.roundMoney >= 0) { rounded } else { plain } -> plain: no rounding on the fast path
      if (rules !== null && rounding === null && ts.isIfStatement(node) && /^this\.round(Money|Points|Price|Gift) >= 0$/.test(node.expression.getText(source))) {
        // (with no else, it goes: from a block with nothing in its place, elsewhere as an empty statement)
        if (node.elseStatement === undefined) return ts.isBlock(node.parent) ? [] : f.createEmptyStatement();
        return visit(node.elseStatement) as ts.Statement;
      }
      // the rounded float book rounds: the refusal of platform rounding on floats goes
      if (rounding !== null && ts.isIfStatement(node) && ts.isThrowStatement(node.thenStatement) && /rules\.rounding !== undefined/.test(node.expression.getText(source))) {
        return [];
      }
      // A.mode === 'fast' ? x : y -> x; if (A.mode === 'fast') s else t -> s: the fast path's branch
      if (ts.isConditionalExpression(node) && fastBranch(node.condition) !== undefined) {
        return visit(fastBranch(node.condition) ? node.whenTrue : node.whenFalse);
      }
      if (ts.isIfStatement(node) && fastBranch(node.expression) !== undefined) {
        const taken = fastBranch(node.expression) ? node.thenStatement : node.elseStatement;
        // a block's statements stand in its place
        // (a statement that goes, visited to nothing, leaves nothing in its place)
        return taken === undefined ? [] : ts.isBlock(taken) ? taken.statements.flatMap((st) => [visit(st) ?? []].flat() as ts.Statement[]) : visit(taken);
      }
      // generic types (the exact path's key shapes) have no fast counterpart: their uses become number
      if ((ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) && node.typeParameters?.some((p) => p.name.text === 'T')) {
        return [];
      }
      // the exact path's key types are the number itself on the fast path
      if (ts.isTypeReferenceNode(node) && (ts.isIdentifier(node.typeName) ? node.typeName.text : node.typeName.right.text) === 'ThresholdKey') {
        return f.createKeywordTypeNode(ts.SyntaxKind.NumberKeyword);
      }
      // the fast book has no named users (if (this.named) ... goes) and always keeps the solvency
      // accumulators (if (this.tracking) s -> s): it runs time-driven scenarios only
      if (rules !== null && ts.isIfStatement(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.expression.kind === ts.SyntaxKind.ThisKeyword) {
        const flag = node.expression.name.text;
        if (flag === 'named') return node.elseStatement === undefined ? [] : visit(node.elseStatement);
        if (flag === 'tracking') return visit(node.thenStatement);
      }
      // A.zero, A.one
      if (ts.isPropertyAccessExpression(node) && isCalculator(node.expression) && (node.name.text === 'zero' || node.name.text === 'one')) {
        return f.createNumericLiteral(node.name.text === 'zero' ? 0 : 1);
      }
      // R.rule(A, ...) -> R.rule(...): the specialised rules take no calculator; in the book, a rule
      // that is one expression is written in place
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && ts.isIdentifier(node.expression.expression) && node.expression.expression.text === 'R') {
        const takesA = node.arguments.length > 0 && isCalculator(node.arguments[0]!);
        const args = takesA ? node.arguments : [f.createIdentifier('A'), ...node.arguments];
        {
          const rest = args.slice(1).map((a) => visit(a) as ts.Expression);
          const rule = rules?.get(node.expression.name.text);
          if (rule !== undefined) {
            // written in place: each parameter by its argument, when an argument used twice is pure
            const uses = new Map<string, number>();
            const count = (n: ts.Node): void => {
              if (ts.isIdentifier(n) && !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n)) uses.set(n.text, (uses.get(n.text) ?? 0) + 1);
              ts.forEachChild(n, count);
            };
            count(rule.expr);
            const params = rule.params.slice(1);
            if (params.every((p, i) => (uses.get(p) ?? 0) <= 1 || isPure(args[i + 1]!))) {
              const outer = subst;
              subst = new Map(params.map((p, i) => [p, rest[i]!]));
              const body = visit(rule.expr) as ts.Expression;
              subst = outer;
              return paren(detach(body, ctx));
            }
          }
          return f.updateCallExpression(node, visit(node.expression) as ts.Expression, undefined, rest);
        }
      }
      // type parameter T -> number
      if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName) && node.typeName.text === 'T' && node.typeArguments === undefined) {
        return f.createKeywordTypeNode(ts.SyntaxKind.NumberKeyword);
      }
      // generic functions over the calculator: drop <T> and the calculator parameter
      if (ts.isFunctionDeclaration(node) && node.typeParameters?.length === 1 && node.typeParameters[0]!.name.text === 'T') {
        const params = node.parameters.filter((p) => !(ts.isIdentifier(p.name) && p.name.text === 'A'));
        const v = ts.visitEachChild(f.updateFunctionDeclaration(node, node.modifiers, node.asteriskToken, node.name, undefined, params, node.type, node.body), visit, ctx) as ts.FunctionDeclaration;
        // a parameter only the exact branch read (the tie) is marked unused
        const body = printer.printNode(ts.EmitHint.Unspecified, v.body!, source);
        const marked = v.parameters.map((p) => {
          const name = (p.name as ts.Identifier).text;
          return new RegExp(`(^|[^.\\w$])${name}\\b`).test(body) ? p : f.updateParameterDeclaration(p, p.modifiers, p.dotDotDotToken, `_${name}`, p.questionToken, p.type, p.initializer);
        });
        return f.updateFunctionDeclaration(v, v.modifiers, v.asteriskToken, v.name, undefined, marked, v.type, v.body);
      }
      // the book and the heap: class SeedBook<T> -> class FastSeedBook, class SlotHeap<T> -> class FastSlotHeap
      if (ts.isClassDeclaration(node) && node.name !== undefined && node.name.text in classes) {
        const v = ts.visitEachChild(node, visit, ctx) as ts.ClassDeclaration;
        return f.updateClassDeclaration(v, v.modifiers, f.createIdentifier(classes[node.name.text]!), undefined, v.heritageClauses, v.members);
      }
      // uses of them: SlotHeap<T> -> FastSlotHeap, new SlotHeap<T>(...) -> new FastSlotHeap(...), SlotHeap.X
      if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName) && node.typeName.text in classes) {
        return f.createTypeReferenceNode(classes[node.typeName.text]!);
      }
      if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text in classes) {
        return f.createNewExpression(f.createIdentifier(classes[node.expression.text]!), undefined, node.arguments?.map((a) => visit(a) as ts.Expression));
      }
      if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && node.expression.text in classes) {
        return f.createPropertyAccessExpression(f.createIdentifier(classes[node.expression.text]!), node.name.text);
      }
      if (ts.isImportSpecifier(node) && node.propertyName === undefined && node.name.text in classes) {
        return f.updateImportSpecifier(node, node.isTypeOnly, undefined, f.createIdentifier(classes[node.name.text]!));
      }
      // the record layout's numbers (records.ts) become constants of the fast book's own module
      if (consts !== null && ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && node.moduleSpecifier.text === './records.ts') {
        const out = localConstants(node, consts, !constantsNoted);
        constantsNoted ||= out.some(ts.isVariableStatement);
        return out;
      }
      // import * as R from './rules.ts' -> './rules.fast.ts', { SlotHeap } from './heap.ts' -> { FastSlotHeap } from './heap.fast.ts'
      if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && node.moduleSpecifier.text in MODULES) {
        const v = ts.visitEachChild(node, visit, ctx) as ts.ImportDeclaration;
        return f.updateImportDeclaration(v, v.modifiers, v.importClause, f.createStringLiteral(MODULES[node.moduleSpecifier.text]!, true), v.attributes);
      }
      // a block's `const A = this.A;` goes when nothing in the block uses the calculator any more
      if (ts.isBlock(node)) {
        const v = ts.visitEachChild(node, visit, ctx) as ts.Block;
        const isCalcDecl = (s: ts.Statement) =>
          ts.isVariableStatement(s) && s.declarationList.declarations.length === 1 && ts.isIdentifier(s.declarationList.declarations[0]!.name) && s.declarationList.declarations[0]!.name.text === 'A';
        // nothing after a return (a taken branch may end in one)
        const end = v.statements.findIndex((st) => ts.isReturnStatement(st));
        const reach = end < 0 ? [...v.statements] : v.statements.slice(0, end + 1);
        const rest = reach.filter((st) => !isCalcDecl(st));
        if (rest.length === reach.length || rest.some(mentionsCalculator)) return reach.length === v.statements.length ? v : f.updateBlock(v, reach);
        return f.updateBlock(v, rest);
      }
      return ts.visitEachChild(node, visit, ctx);
    };
    // the imports first (the record layout's constants come in among them)
    return (root) => {
      const v = ts.visitNode(root, visit) as ts.SourceFile;
      const imports = v.statements.filter(ts.isImportDeclaration);
      return f.updateSourceFile(v, [...imports, ...v.statements.filter((st) => !ts.isImportDeclaration(st))]);
    };
  };
  const out = ts.transform(source, [transformer]);
  const printed = ts.createPrinter({ newLine: ts.NewLineKind.LineFeed }).printFile(out.transformed[0]!);
  out.dispose();
  return pruneImports(printed);
}

/** names imported and no longer used (the exact branches' EXACT_TIE, the calculator's type) go */
function pruneImports(text: string): string {
  return text.replace(/^import (type )?\{ ([^}]*) \} from ('[^']*');\n/gm, (line, typeOnly: string | undefined, names: string, from: string) => {
    const rest = text.replace(line, '').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
    const kept = names.split(', ').filter((n) => new RegExp(`(^|[^.\\w$])${n.replace(/^type /, '')}\\b`).test(rest));
    return kept.length === 0 ? '' : `import ${typeOnly ?? ''}{ ${kept.join(', ')} } from ${from};\n`;
  });
}

const HEADER = (from: string, what: string) =>
  `// GENERATED by scripts/specialise-fast.ts from ${from}: the float64 specialisation of the seed's\n// ${what}. Do not edit; edit ${from} and run \`npm run specialise\`.\n`;

/** the specialised files' text, from the sources as they are now */
export function specialised(): { file: string; text: string }[] {
  const rules = inlineRules(readFileSync(`${DIR}rules.ts`, 'utf8'));
  return SPECIALISED.map(({ from, to, what }) => {
    const book = from === 'book.ts';
    // the book and the heap are specialised with the rules written in place; only the book reads the record layout
    return { file: `${DIR}${to}`, text: HEADER(from, what) + rewrite(from, readFileSync(`${DIR}${from}`, 'utf8'), from === 'rules.ts' ? null : rules, book ? records : null, ROUNDING[to] ?? null) };
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const { file, text } of specialised()) {
    writeFileSync(file, text);
    process.stdout.write(`wrote ${file}\n`);
  }
}
