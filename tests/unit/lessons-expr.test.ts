import { describe, expect, it } from 'vitest';
import { compileExpr, compileTemplate, ExprError, fillTemplates, templatesIn } from '../../core/lessons/expr.ts';

describe('quiz expressions', () => {
  const scope = { page: 3, offset: 0x2a, pageSize: 4096, who: 'B', big: 0x7fff_ffff_f000 };

  it('computes addresses with the usual precedence', () => {
    expect(compileExpr('page * pageSize + offset').evaluate(scope)).toBe(3 * 4096 + 0x2a);
    expect(compileExpr('(page + 1) * 0x1000').evaluate(scope)).toBe(0x4000);
    expect(compileExpr('0b1010 + 1_000').evaluate(scope)).toBe(1010);
    expect(compileExpr('-page + 10 % 4').evaluate(scope)).toBe(-1);
    expect(compileExpr('7 // 2').evaluate(scope)).toBe(3);
    expect(compileExpr('min(page, 2) + max(1, abs(-5)) + floor(2.7) + ceil(0.1)').evaluate(scope)).toBe(2 + 5 + 2 + 1);
  });

  it('does bitwise arithmetic on 48-bit addresses, not 32-bit integers', () => {
    expect(compileExpr('big >> 12').evaluate(scope)).toBe(0x7fff_ffff_f000 / 4096);
    expect(compileExpr('big & 0xfff').evaluate(scope)).toBe(0);
    expect(compileExpr('(big | 0x123) ^ 0x1').evaluate(scope)).toBe(0x7fff_ffff_f122);
    expect(compileExpr('1 << 40').evaluate(scope)).toBe(2 ** 40);
  });

  it('gives text parameters back as text, and refuses arithmetic on them', () => {
    expect(compileExpr('who').evaluate(scope)).toBe('B');
    expect(() => compileExpr('who + 1').evaluate(scope)).toThrow(/not a number/);
  });

  it('reports mistakes with their position instead of evaluating anything', () => {
    expect(() => compileExpr('page +')).toThrow(ExprError);
    expect(() => compileExpr('page $ 2')).toThrow(/unexpected character "\$"/);
    expect(() => compileExpr('alert(1)')).toThrow(/unknown function "alert"/);
    expect(() => compileExpr('min(1)')).toThrow(/takes 2 arguments/);
    expect(() => compileExpr('nope * 2').evaluate(scope)).toThrow(/unknown name "nope"/);
    expect(() => compileExpr('1 / 0').evaluate(scope)).toThrow(/division by zero/);
    expect(() => compileExpr('constructor').evaluate(scope)).toThrow(/unknown name/);
    try {
      compileExpr('1 + * 2');
    } catch (e) {
      expect((e as ExprError).at).toBe(4);
    }
  });
});

describe('templates', () => {
  const scope = { addr: 0x1a2b, who: 'A', f: 5 };

  it('fills in values and formats', () => {
    expect(compileTemplate('Process {{who}} reads {{hex addr}} ({{addr}}, {{bin f}})').render(scope)).toBe('Process A reads 0x1a2b (6699, 0b101)');
    expect(compileTemplate('{{hex addr + 4}}').render(scope)).toBe('0x1a2f');
    expect(compileTemplate('no holes').isPlain).toBe(true);
    expect(compileTemplate('{{hex addr}} {{who}}').names.sort()).toEqual(['addr', 'who']);
  });

  it('keeps a lone number template a number, so numeric step fields accept it', () => {
    expect(compileTemplate('{{f}}').renderValue(scope)).toBe(5);
    expect(compileTemplate('{{hex addr}}').renderValue(scope)).toBe('0x1a2b');
    expect(compileTemplate('frame {{f}}').renderValue(scope)).toBe('frame 5');
  });

  it('fills templates inside YAML-shaped values and leaves everything else alone', () => {
    const raw = { read: { process: '{{who}}', addr: '{{hex addr}}', size: 4 }, list: [1, '{{f}}'] };
    expect(fillTemplates(raw, scope)).toEqual({ read: { process: 'A', addr: '0x1a2b', size: 4 }, list: [1, 5] });
    const plain = { read: { process: 'A', addr: 4096 } };
    expect(fillTemplates(plain, scope)).toBe(plain);
    expect(templatesIn(raw).map((t) => t.path)).toEqual([['read', 'process'], ['read', 'addr'], ['list', 1]]);
  });

  it('refuses broken templates', () => {
    expect(() => compileTemplate('{{hex addr')).toThrow(/without a closing/);
    expect(() => compileTemplate('{{ }}')).toThrow(/empty/);
    expect(() => compileTemplate('{{hex who}}').render(scope)).toThrow(/not a number/);
  });
});
