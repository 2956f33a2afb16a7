/*
 * Quiz parameters and templates: a tiny, safe expression language and `{{ … }}` templates.
 *
 *   expression  page * pageSize + offset,  addr >> 12,  min(a, b),  0x1000 | off
 *   template    "Process {{who}} reads {{hex addr}}"  →  "Process A reads 0x1a2b"
 *
 * Expressions are parsed once into a small tree (cached by source text) and evaluated
 * against a scope of named values; nothing is ever handed to `eval`. Values are numbers
 * or text (a parameter may be a process name). Bitwise operators work on whole numbers up
 * to 2^53 (x86-64 addresses are 48 bits), not on JavaScript's 32-bit integers.
 */
import { t } from '../i18n/index.ts';

export type Value = number | string | boolean;
export type Scope = Readonly<Record<string, Value>>;

export class ExprError extends Error {
  constructor(
    message: string,
    /** Character offset in the expression where the problem is. */
    readonly at = 0,
  ) {
    super(message);
  }
}

type Node =
  | { t: 'num'; v: number }
  | { t: 'name'; name: string; at: number }
  | { t: 'neg'; e: Node }
  | { t: 'bin'; op: string; a: Node; b: Node; at: number }
  | { t: 'call'; fn: string; args: Node[]; at: number };

const FUNCTIONS: Record<string, { arity: number; fn: (...x: number[]) => number }> = {
  min: { arity: 2, fn: Math.min },
  max: { arity: 2, fn: Math.max },
  floor: { arity: 1, fn: Math.floor },
  ceil: { arity: 1, fn: Math.ceil },
  abs: { arity: 1, fn: Math.abs },
};

/** Names an expression may not use for parameters: functions and template formats. */
export const RESERVED_WORDS = [...Object.keys(FUNCTIONS), 'hex', 'dec', 'bin'];

// Binary operators by precedence, loosest first.
const LEVELS: string[][] = [['|'], ['^'], ['&'], ['<<', '>>'], ['+', '-'], ['*', '/', '//', '%']];

interface Token {
  kind: 'num' | 'name' | 'op' | 'end';
  text: string;
  at: number;
  value?: number;
}

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const num = /^(0x[0-9a-fA-F_]+|0b[01_]+|[0-9][0-9_]*(\.[0-9]+)?)/.exec(src.slice(i));
    if (num) {
      const text = num[0];
      const clean = text.replace(/_/g, '').toLowerCase();
      const value = clean.startsWith('0x') ? parseInt(clean.slice(2), 16) : clean.startsWith('0b') ? parseInt(clean.slice(2), 2) : Number(clean);
      out.push({ kind: 'num', text, at: i, value });
      i += text.length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (name) {
      out.push({ kind: 'name', text: name[0], at: i });
      i += name[0].length;
      continue;
    }
    const two = src.slice(i, i + 2);
    if (two === '<<' || two === '>>' || two === '//') {
      out.push({ kind: 'op', text: two, at: i });
      i += 2;
      continue;
    }
    if ('+-*/%&|^(),'.includes(c)) {
      out.push({ kind: 'op', text: c, at: i });
      i++;
      continue;
    }
    throw new ExprError(t('validator.expr.unexpectedCharacter', { char: c }), i);
  }
  out.push({ kind: 'end', text: '', at: src.length });
  return out;
}

function parse(src: string): Node {
  const tokens = tokenize(src);
  let pos = 0;
  const peek = () => tokens[pos];
  const expect = (text: string) => {
    const token = tokens[pos];
    if (token.kind !== 'op' || token.text !== text) throw new ExprError(token.kind === 'end' ? t('validator.expr.expectedAtEnd', { token: text }) : t('validator.expr.expectedFound', { token: text, found: token.text }), token.at);
    pos++;
  };
  const level = (n: number): Node => {
    if (n === LEVELS.length) return unary();
    let left = level(n + 1);
    for (;;) {
      const t = peek();
      if (t.kind !== 'op' || !LEVELS[n].includes(t.text)) return left;
      pos++;
      left = { t: 'bin', op: t.text, a: left, b: level(n + 1), at: t.at };
    }
  };
  const unary = (): Node => {
    const t = peek();
    if (t.kind === 'op' && t.text === '-') {
      pos++;
      return { t: 'neg', e: unary() };
    }
    if (t.kind === 'op' && t.text === '+') {
      pos++;
      return unary();
    }
    return primary();
  };
  const primary = (): Node => {
    const token = tokens[pos++];
    if (token.kind === 'num') return { t: 'num', v: token.value! };
    if (token.kind === 'name') {
      if (peek().kind === 'op' && peek().text === '(') {
        pos++;
        const args: Node[] = [];
        if (!(peek().kind === 'op' && peek().text === ')')) {
          args.push(level(0));
          while (peek().kind === 'op' && peek().text === ',') {
            pos++;
            args.push(level(0));
          }
        }
        expect(')');
        const f = FUNCTIONS[token.text];
        if (!f) throw new ExprError(t('validator.expr.unknownFunction', { name: token.text, functions: Object.keys(FUNCTIONS).join(', ') }), token.at);
        if (args.length !== f.arity) throw new ExprError(t('validator.expr.arity', { name: token.text, count: f.arity, got: args.length }), token.at);
        return { t: 'call', fn: token.text, args, at: token.at };
      }
      return { t: 'name', name: token.text, at: token.at };
    }
    if (token.kind === 'op' && token.text === '(') {
      const e = level(0);
      expect(')');
      return e;
    }
    throw new ExprError(token.kind === 'end' ? t('validator.expr.endsEarly') : t('validator.expr.unexpected', { token: token.text }), token.at);
  };
  const tree = level(0);
  if (peek().kind !== 'end') throw new ExprError(t('validator.expr.unexpected', { token: peek().text }), peek().at);
  return tree;
}

/** A parsed expression: evaluate it as often as needed, list the names it uses. */
export class Expr {
  private readonly tree: Node;
  readonly names: string[];

  constructor(readonly source: string) {
    if (source.length > 500) throw new ExprError(t('validator.expr.tooLong'));
    this.tree = parse(source);
    const names = new Set<string>();
    const visit = (n: Node) => {
      if (n.t === 'name') names.add(n.name);
      else if (n.t === 'neg') visit(n.e);
      else if (n.t === 'bin') {
        visit(n.a);
        visit(n.b);
      } else if (n.t === 'call') n.args.forEach(visit);
    };
    visit(this.tree);
    this.names = [...names];
  }

  /** A bare name (`who`) may be text; anything with an operator must be a number. */
  evaluate(scope: Scope): Value {
    if (this.tree.t === 'name') return lookup(scope, this.tree.name, this.tree.at);
    return evalNum(this.tree, scope);
  }
}

function lookup(scope: Scope, name: string, at: number): Value {
  if (!Object.prototype.hasOwnProperty.call(scope, name)) throw new ExprError(t('validator.expr.unknownName', { name }), at);
  return scope[name];
}

function evalNum(n: Node, scope: Scope): number {
  switch (n.t) {
    case 'num':
      return n.v;
    case 'name': {
      const v = lookup(scope, n.name, n.at);
      if (typeof v !== 'number') throw new ExprError(t('validator.expr.notANumber', { name: n.name, value: JSON.stringify(v) }), n.at);
      return v;
    }
    case 'neg':
      return -evalNum(n.e, scope);
    case 'call':
      return FUNCTIONS[n.fn].fn(...n.args.map((a) => evalNum(a, scope)));
    case 'bin': {
      const a = evalNum(n.a, scope);
      const b = evalNum(n.b, scope);
      const r = binary(n.op, a, b, n.at);
      if (!Number.isFinite(r)) throw new ExprError(t('validator.expr.notFinite', { a: String(a), op: n.op, b: String(b) }), n.at);
      return r;
    }
  }
}

function wholeNumbers(op: string, a: number, b: number, at: number): [bigint, bigint] {
  if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b)) throw new ExprError(t('validator.expr.wholeNumbers', { op, a: String(a), b: String(b) }), at);
  return [BigInt(a), BigInt(b)];
}

function binary(op: string, a: number, b: number, at: number): number {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      if (b === 0) throw new ExprError(t('validator.expr.divisionByZero'), at);
      return a / b;
    case '//':
      if (b === 0) throw new ExprError(t('validator.expr.divisionByZero'), at);
      return Math.floor(a / b);
    case '%':
      if (b === 0) throw new ExprError(t('validator.expr.divisionByZero'), at);
      return ((a % b) + b) % b;
    case '<<':
    case '>>': {
      if (!Number.isSafeInteger(a) || !Number.isInteger(b) || b < 0 || b > 64) throw new ExprError(t('validator.expr.shift', { op, a: String(a), b: String(b) }), at);
      return op === '<<' ? a * 2 ** b : Math.floor(a / 2 ** b);
    }
    default: {
      const [x, y] = wholeNumbers(op, a, b, at);
      const r = op === '&' ? x & y : op === '|' ? x | y : x ^ y;
      return Number(r);
    }
  }
}

const exprCache = new Map<string, Expr>();

/** Parse (or reuse) an expression; throws ExprError with the offending offset. */
export function compileExpr(source: string): Expr {
  let e = exprCache.get(source);
  if (!e) {
    e = new Expr(source);
    if (exprCache.size > 5000) exprCache.clear();
    exprCache.set(source, e);
  }
  return e;
}

// ---------------------------------------------------------------- templates

export type Format = 'hex' | 'dec' | 'bin' | null;

interface Hole {
  format: Format;
  expr: Expr;
  /** Offset of the `{{` in the template text. */
  at: number;
}

/** A template split into literal text and `{{ [format] expression }}` holes. */
export class Template {
  readonly parts: (string | Hole)[] = [];

  constructor(readonly source: string) {
    let i = 0;
    while (i < source.length) {
      const open = source.indexOf('{{', i);
      if (open < 0) {
        this.parts.push(source.slice(i));
        break;
      }
      if (open > i) this.parts.push(source.slice(i, open));
      const close = source.indexOf('}}', open + 2);
      if (close < 0) throw new ExprError(t('validator.expr.unclosed', { open: '{{', close: '}}' }), open);
      let body = source.slice(open + 2, close).trim();
      let format: Format = null;
      const m = /^(hex|dec|bin)\s+/.exec(body);
      if (m) {
        format = m[1] as Format;
        body = body.slice(m[0].length);
      }
      if (!body) throw new ExprError(t('validator.expr.emptyHole', { hole: '{{ }}' }), open);
      try {
        this.parts.push({ format, expr: compileExpr(body), at: open });
      } catch (e) {
        if (e instanceof ExprError) throw new ExprError(t('validator.expr.inHole', { hole: `{{${source.slice(open + 2, close)}}}`, message: e.message }), open);
        throw e;
      }
      i = close + 2;
    }
  }

  get isPlain(): boolean {
    return this.parts.every((p) => typeof p === 'string');
  }

  /** Every name the holes use. */
  get names(): string[] {
    const out = new Set<string>();
    for (const p of this.parts) if (typeof p !== 'string') for (const n of p.expr.names) out.add(n);
    return [...out];
  }

  render(scope: Scope): string {
    let s = '';
    for (const p of this.parts) s += typeof p === 'string' ? p : formatValue(evalHole(p, scope), p.format);
    return s;
  }

  /**
   * The value of a template that is one hole and nothing else, keeping numbers as numbers
   * (so `frame: "{{f}}"` gives the number 5); text for anything else.
   */
  renderValue(scope: Scope): Value {
    if (this.parts.length === 1 && typeof this.parts[0] !== 'string') {
      const hole = this.parts[0];
      const v = evalHole(hole, scope);
      return hole.format === null ? v : formatValue(v, hole.format);
    }
    return this.render(scope);
  }
}

function evalHole(h: Hole, scope: Scope): Value {
  try {
    return h.expr.evaluate(scope);
  } catch (e) {
    if (e instanceof ExprError) throw new ExprError(t('validator.expr.inHole', { hole: `{{${h.format ? h.format + ' ' : ''}${h.expr.source}}}`, message: e.message }), h.at);
    throw e;
  }
}

export function formatValue(v: Value, format: Format): string {
  if (typeof v !== 'number') {
    if (format !== null) throw new ExprError(t('validator.expr.formatNotNumber', { value: JSON.stringify(v), format }));
    return String(v);
  }
  if (format === 'hex' || format === 'bin') {
    if (!Number.isSafeInteger(v)) throw new ExprError(t('validator.expr.formatNotWhole', { value: String(v), format }));
    const sign = v < 0 ? '-' : '';
    return `${sign}0${format === 'hex' ? 'x' : 'b'}${Math.abs(v).toString(format === 'hex' ? 16 : 2)}`;
  }
  return String(v);
}

const templateCache = new Map<string, Template>();

export function compileTemplate(source: string): Template {
  let t = templateCache.get(source);
  if (!t) {
    t = new Template(source);
    if (templateCache.size > 5000) templateCache.clear();
    templateCache.set(source, t);
  }
  return t;
}

export function hasTemplate(s: string): boolean {
  return s.includes('{{');
}

/**
 * Fill in every template string inside a YAML-shaped value (mappings, lists, scalars);
 * keys are never templated. Returns the same object when nothing needed filling.
 */
export function fillTemplates(value: unknown, scope: Scope): unknown {
  if (typeof value === 'string') return hasTemplate(value) ? compileTemplate(value).renderValue(scope) : value;
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((v) => {
      const f = fillTemplates(v, scope);
      if (f !== v) changed = true;
      return f;
    });
    return changed ? out : value;
  }
  if (value !== null && typeof value === 'object') {
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const f = fillTemplates(v, scope);
      if (f !== v) changed = true;
      out[k] = f;
    }
    return changed ? out : value;
  }
  return value;
}

/** Every template string inside a YAML-shaped value, with its path, for static checks. */
export function templatesIn(value: unknown, path: (string | number)[] = [], out: { path: (string | number)[]; text: string }[] = []): { path: (string | number)[]; text: string }[] {
  if (typeof value === 'string') {
    if (hasTemplate(value)) out.push({ path, text: value });
  } else if (Array.isArray(value)) value.forEach((v, i) => templatesIn(v, [...path, i], out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) templatesIn(v, [...path, k], out);
  return out;
}
