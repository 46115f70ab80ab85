import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash } from './route';

describe('the one route parser', () => {
  it.each([
    ['#/roster', 'roster', [], {}],
    ['#roster', 'roster', [], {}],
    ['#/meetings/m1', 'meetings', ['m1'], {}],
    ['#/meetings/a%2Fb/', 'meetings', ['a/b'], {}],
    ['#/meetings/%E4%BC%9A', 'meetings', ['会'], {}],
    ['#/tasks?party=owners&status=open', 'tasks', [], { party: 'owners', status: 'open' }],
    ['#/meetings/m1?tab=summary', 'meetings', ['m1'], { tab: 'summary' }],
    ['#/nowhere/x', undefined, ['x'], {}],
    ['', undefined, [], {}],
    ['#/meetings/%E4', 'meetings', ['%E4'], {}],
  ])('%j', (hash, section, path, query) => expect(parseRoute(hash)).toEqual({ hash, section, path, query }));

  it.each([
    [['meetings'] as const, '#/meetings'],
    [['meetings', ['m 1']] as const, '#/meetings/m%201'],
    [['tasks', [], { party: 'owners', q: '' }] as const, '#/tasks?party=owners'],
  ])('routeHash(%j) → %s and back', (args, hash) => {
    const [section, path, query] = args as unknown as [Parameters<typeof routeHash>[0], string[]?, Record<string, string>?];
    expect(routeHash(section, path, query)).toBe(hash);
    expect(parseRoute(hash).section).toBe(section);
    expect(parseRoute(hash).path).toEqual(path ?? []);
  });
});
