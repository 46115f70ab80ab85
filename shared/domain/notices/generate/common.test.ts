import { describe, expect, it } from 'vitest';
import { blankNotice } from './blank';
import { capRows, cnNumeral, compoundShortName, dataHashOf, defaultIssuePrefix, issuerFields, issuerName, issuerOptions, sourceChanged } from './common';

const settings = { compoundName: '和美小区', branchName: '中共和美小区支部委员会', ownersCommitteeName: '和美小区业主委员会', councilName: '和美小区共建理事会' };

describe('issuers (N36–N38)', () => {
  it.each([
    ['和美小区', '和美'],
    ['金山花园', '金山'],
    ['和美家园小区', '和美'],
    ['万科城', '万科城'],
    ['阳光花园小区', '阳光'],
    ['东苑', '东苑'],
    ['厦门湖里区金山花园', '厦门湖里'],
    [' ', ''],
    [undefined, ''],
  ])('short name of %s is %s', (name, short) => expect(compoundShortName(name)).toBe(short));

  it.each([
    ['owners_committee', '和美业委'],
    ['branch', '和美党支'],
    ['council', '和美共建'],
  ] as const)('N37 default 代字 for %s: %s', (key, prefix) => expect(defaultIssuePrefix(settings, key)).toBe(prefix));

  it('N36 the name from 设置, else the compound with the body, else the body', () => {
    expect(issuerName(settings, 'branch')).toBe('中共和美小区支部委员会');
    expect(issuerName({ compoundName: '和美小区', ownersCommitteeName: ' ' }, 'owners_committee')).toBe('和美小区业主委员会');
    expect(issuerName({}, 'council')).toBe('共建理事会');
    expect(issuerOptions(settings)).toEqual([
      { key: 'branch', name: '中共和美小区支部委员会', prefix: '和美党支' },
      { key: 'owners_committee', name: '和美小区业主委员会', prefix: '和美业委' },
      { key: 'council', name: '和美小区共建理事会', prefix: '和美共建' },
    ]);
  });

  it('N38 jointly issued: the 主办 first, each once', () => {
    expect(issuerFields(settings, 'owners_committee', ['branch', 'owners_committee'])).toEqual({
      issuers: ['和美小区业主委员会', '中共和美小区支部委员会'],
      issuerKey: 'owners_committee',
      issuePrefix: '和美业委',
    });
  });
});

describe('blankNotice (N39)', () => {
  it.each([
    ['notice', '通知', 'owners_committee'],
    ['general', '公告', 'owners_committee'],
    ['task', '任务进展公示', 'council'],
  ] as const)('%s', (kind, title, key) => {
    expect(blankNotice(kind, settings)).toEqual({ kind, status: 'draft', title, body: '', ...issuerFields(settings, key) });
  });
  it('with another issuer and a date', () => {
    expect(blankNotice('notice', settings, { issuerKey: 'branch', issueDate: '2026-12-01' })).toMatchObject({ issuerKey: 'branch', issuers: ['中共和美小区支部委员会'], issueDate: '2026-12-01' });
  });
});

describe('data hash (N34, N35)', () => {
  it('is SHA-256 of the canonical JSON: key order and undefined members do not matter', () => {
    expect(dataHashOf({})).toBe('44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a');
    expect(dataHashOf({ a: 1, b: [1, 2], c: undefined })).toBe(dataHashOf({ b: [1, 2], a: 1 }));
    expect(dataHashOf({ a: 1 })).not.toBe(dataHashOf({ a: 2 }));
  });
  it.each([
    ['same data', { dataHash: 'h1' }, 'h1', false],
    ['changed data', { dataHash: 'h1' }, 'h2', true],
    ['not generated from data', {}, 'h2', false],
    ['no source at all', undefined, 'h2', false],
  ] as const)('sourceChanged: %s', (_n, source, now, changed) => expect(sourceChanged({ source }, now)).toBe(changed));
});

describe('wording', () => {
  it.each([
    [1, '一'],
    [10, '十'],
    [21, '二十一'],
    [105, '一百零五'],
    [0, '0'],
  ])('cnNumeral(%i) = %s', (n, s) => expect(cnNumeral(n)).toBe(s));
  it('capRows keeps 500 rows, the last one saying how many more', () => {
    const rows = Array.from({ length: 502 }, (_, i) => [String(i), 'x']);
    const capped = capRows(rows, 2, (n) => `另有${n}项`);
    expect(capped).toHaveLength(500);
    expect(capped[499]).toEqual(['另有3项', '']);
    expect(capRows(rows.slice(0, 3), 2, () => '')).toHaveLength(3);
  });
});
