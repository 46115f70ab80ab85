import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, isStorableText, jsonProblem } from './json-safety';

describe('jsonProblem', () => {
  it('passes ordinary documents, Chinese text and emoji (surrogate pairs)', () => {
    expect(jsonProblem({ id: 'a', title: '居委会 🏠', tags: ['x', { n: 1.5, ok: true, none: null }] })).toBeNull();
    expect(isStorableText('正常文字 😀')).toBe(true);
  });

  it('finds NUL, lone surrogates (in values and keys), non-finite numbers, with a JSON pointer', () => {
    expect(jsonProblem({ a: { b: ['ok', 'x\u0000'] } })).toEqual({ path: '/a/b/1', message: 'contains a NUL character (U+0000)' });
    expect(jsonProblem({ t: 'a\ud800' })?.path).toBe('/t');
    expect(jsonProblem({ t: '\udc00b' })?.message).toContain('lone UTF-16 surrogate');
    expect(jsonProblem({ t: '\ud83d\ude00\ud83d' })?.path).toBe('/t');
    expect(jsonProblem({ 'k\ud800': 1 })?.message).toContain('has a key that');
    expect(jsonProblem({ 'a/b~': { n: Infinity } })).toEqual({ path: '/a~1b~0/n', message: 'is a number out of range (not finite)' });
    expect(jsonProblem([Number.NaN])?.path).toBe('/0');
    expect(isStorableText('a\u0000')).toBe(false);
    expect(isStorableText('\udfff')).toBe(false);
  });

  it('checks any depth without recursion, and refuses nesting beyond the limit', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(jsonProblem(deep)?.message).toBe(`is nested deeper than ${MAX_JSON_DEPTH} levels`);
    let ok: unknown = 'leaf';
    for (let i = 0; i < MAX_JSON_DEPTH; i++) ok = { x: ok };
    expect(jsonProblem(ok)).toBeNull();
    expect(jsonProblem({ x: ok })?.message).toContain('nested deeper');
  });
});
