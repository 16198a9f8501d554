import { Lexer } from 'yaml';

/** A policy set needs 5 levels (set, policies, policy, thresholds, value); this leaves room. */
export const MAX_NESTING = 32;
/** YAML tokens of one document: the shipped default.yaml has about 12,400 (1,100 without its list of benign emoji names). */
export const MAX_TOKENS = 20_000;
/** Per line: the library's cost per flow item grows with the length of its line. */
export const MAX_LINE_TOKENS = 2_000;
export const MAX_LINE_CHARS = 64 * 1024;
/** Characters of one document (the body limit of the routes that take one). */
export const MAX_DOCUMENT_CHARS = 2 * 1024 * 1024;

export interface ShapeProblem {
  line: number;
  column: number;
  message: string;
  /** Too large (413) rather than malformed (422). */
  size: boolean;
}

// Lexer control tokens that stand for no source text.
const CONTROL = new Set(['\u0002', '\u0018', '\u001f']);

function position(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

/**
 * Checked before a document is parsed, because the yaml library composes nested collections by
 * recursion and spends tens of microseconds per flow-collection item on the request's thread: a
 * body of "[[[[..." overflows the stack only after seconds of work, and a flat list of a million
 * items blocks for seconds more. The library's own lexer reads quoting, comments and block scalars
 * exactly as its parser will, and the scan stops at the first problem, so a hostile body costs
 * milliseconds. Nesting counts flow brackets, block indentation levels and compact "- - -" items.
 */
export function documentShapeProblem(text: string): ShapeProblem | null {
  if (text.length > MAX_DOCUMENT_CHARS) return { line: 1, column: 1, message: `the document is larger than ${MAX_DOCUMENT_CHARS} characters`, size: true };
  const at = (offset: number, message: string, size = false) => ({ ...position(text, offset), message, size });
  let offset = 0;
  let tokens = 0;
  let flow = 0;
  let onLine = 0;
  let lineTokens = 0;
  let lineOffset = 0;
  let lineStart = true;
  let indent = 0;
  const indents: number[] = [];
  for (const tok of new Lexer().lex(text)) {
    if (++tokens > MAX_TOKENS) return at(offset, `the document has more than ${MAX_TOKENS} YAML tokens; a policy set is far smaller (split it into several documents)`, true);
    if (++lineTokens > MAX_LINE_TOKENS || offset - lineOffset > MAX_LINE_CHARS) {
      return at(offset, `a line longer than ${MAX_LINE_TOKENS} YAML tokens or ${MAX_LINE_CHARS} characters: write long lists one item per line`);
    }
    if (tok === '\n' || tok === '\r\n') {
      lineStart = true;
      onLine = 0;
      indent = 0;
      lineTokens = 0;
      lineOffset = offset + tok.length;
    } else if (!CONTROL.has(tok) && lineStart && /^[ \t]+$/.test(tok)) {
      indent = tok.length;
    } else if (!CONTROL.has(tok)) {
      if (lineStart && flow === 0 && tok[0] !== '#') {
        // The first content of a line opens one block level deeper than every smaller indentation still open.
        while (indents.length && indents[indents.length - 1] >= indent) indents.pop();
        indents.push(indent);
        if (indents.length > MAX_NESTING) return at(offset, `block collections nested deeper than ${MAX_NESTING} levels`);
      }
      lineStart = false;
      if (tok === '[' || tok === '{') {
        if (++flow > MAX_NESTING) return at(offset, `collections nested deeper than ${MAX_NESTING} levels`);
      } else if (tok === ']' || tok === '}') {
        flow = Math.max(0, flow - 1);
      } else if (tok === '-' || tok === '?') {
        if (++onLine > MAX_NESTING) return at(offset, `collections nested deeper than ${MAX_NESTING} levels`);
      }
    }
    if (!CONTROL.has(tok)) offset += tok.length;
  }
  return null;
}
