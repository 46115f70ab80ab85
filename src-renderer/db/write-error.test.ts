import { describe, expect, it } from 'vitest';
import { attemptWrite, classifyWriteError } from './write-error';

const quotaDom = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

describe('classifyWriteError', () => {
  it.each([
    ['a DOMException QuotaExceededError', quotaDom(), 'QUOTA_EXCEEDED'],
    ['Dexie wrapping it in inner', { name: 'AbortError', message: 'Transaction aborted', inner: quotaDom() }, 'QUOTA_EXCEEDED'],
    ['Dexie QuotaExceededError', { name: 'QuotaExceededError', message: 'QuotaExceededError' }, 'QUOTA_EXCEEDED'],
    ['an RxError with the storage error in parameters', { code: 'SNH', parameters: { error: { inner: quotaDom() } } }, 'QUOTA_EXCEEDED'],
    ['an Error with cause', new Error('write failed', { cause: quotaDom() }), 'QUOTA_EXCEEDED'],
    ['old Firefox', { name: 'NS_ERROR_DOM_QUOTA_REACHED' }, 'QUOTA_EXCEEDED'],
    ['a message naming the quota', new Error('Encountered full disk while opening backing store: quota'), 'QUOTA_EXCEEDED'],
    ['an RxDB conflict', { code: 'CONFLICT', parameters: {} }, 'WRITE_CONFLICT'],
    ['an RxDB duplicate id', { code: 'COL19' }, 'WRITE_CONFLICT'],
    ['anything else', new TypeError('x is undefined'), 'WRITE_FAILED'],
    ['a string', 'oops', 'WRITE_FAILED'],
    ['null', null, 'WRITE_FAILED'],
  ])('%s → %s', (_name, error, code) => expect(classifyWriteError(error)).toBe(code));

  it('does not loop on a cyclic error', () => {
    const e: { name: string; cause?: unknown } = { name: 'Error' };
    e.cause = e;
    expect(classifyWriteError(e)).toBe('WRITE_FAILED');
  });
});

describe('attemptWrite', () => {
  it('passes a value through', async () => {
    expect(await attemptWrite(async () => 42)).toEqual({ ok: true, value: 42 });
  });
  it('turns an exception into a coded error', async () => {
    const quiet = console.error;
    console.error = () => undefined;
    try {
      expect(await attemptWrite(() => Promise.reject(quotaDom()))).toEqual({ ok: false, error: { code: 'QUOTA_EXCEEDED' } });
    } finally {
      console.error = quiet;
    }
  });
});
