/**
 * Functions too long to read at once, found with the TypeScript compiler's own parser. A function's
 * length is the lines its node spans, from its first token (its JSDoc and other leading comments are
 * not counted) to its closing brace or last expression, both included; nested functions count
 * towards the function that holds them, and are measured on their own as well.
 */
import ts from 'typescript';

/** One function over the limit. */
export interface LongFunction {
  /** Enclosing names joined by dots: `runUpstreamTurn`, `Decoder.push`, `createDecoder.onFrame`. */
  name: string;
  /** 1-based line of its first token. */
  line: number;
  lines: number;
}

/** The functions, methods, accessors, constructors and arrow functions of `source` longer than `maxLines`. */
export function longFunctions(source: string, fileName: string, maxLines: number): LongFunction[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: LongFunction[] = [];
  const visit = (node: ts.Node, names: readonly string[]): void => {
    let inner = names;
    if (isFunction(node)) {
      inner = [...names, functionName(node, file)];
      const first = file.getLineAndCharacterOfPosition(node.getStart(file)).line;
      const last = file.getLineAndCharacterOfPosition(node.getEnd()).line;
      const lines = last - first + 1;
      if (lines > maxLines) found.push({ name: inner.join('.'), line: first + 1, lines });
    } else if (ts.isClassDeclaration(node) || ts.isClassExpression(node)) {
      inner = [...names, node.name?.text ?? '<class>'];
    }
    ts.forEachChild(node, (child) => visit(child, inner));
  };
  visit(file, []);
  return found;
}

type FunctionNode = ts.FunctionLikeDeclaration;

function isFunction(node: ts.Node): node is FunctionNode {
  return (
    ts.isFunctionDeclaration(node) ||
    ts.isFunctionExpression(node) ||
    ts.isArrowFunction(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isConstructorDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node)
  );
}

/** Its own name, the variable or property it is assigned to, or `<anonymous@line>`. */
function functionName(node: FunctionNode, file: ts.SourceFile): string {
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  if (node.name !== undefined) return node.name.getText(file);
  const parent = node.parent;
  if ((ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) && parent.name !== undefined)
    return parent.name.getText(file);
  const line = file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
  return `<anonymous@${line}>`;
}
