// The restore rule (issue #15, restore-plan.ts R1–R6): a restore never goes back in time and never drops an unpushed
// write. One row per case; a property check over random pairs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideRestore, planRestore, RestoreRule, type PlanDoc } from './restore-plan';

const at = (seq: number, more: { dirty?: boolean; deleted?: boolean } = {}): PlanDoc => ({
  id: 'x',
  _deleted: more.deleted === true,
  sync: more.dirty ? { seq, dirty: true } : { seq },
});

describe('restore rule', () => {
  it.each<[string, PlanDoc, PlanDoc | undefined, 'write' | 'keep', RestoreRule]>([
    ['R1 this PC lacks it: written', at(5), undefined, 'write', 'absent'],
    ['R1 a tombstone this PC lacks: written (stays deleted)', at(5, { deleted: true }), undefined, 'write', 'absent'],
    ['R1 an unpushed create this PC lacks: written (comes back unpushed)', at(0, { dirty: true }), undefined, 'write', 'absent'],
    ['R2 this PC’s unpushed change on an older base: kept', at(9), at(5, { dirty: true }), 'keep', 'local-unpushed'],
    ['R2 this PC’s unpushed change, the backup’s too: kept', at(5, { dirty: true }), at(5, { dirty: true }), 'keep', 'local-unpushed'],
    ['R2 this PC’s unpushed deletion: kept', at(9), at(5, { dirty: true, deleted: true }), 'keep', 'local-unpushed'],
    ['R2 this PC’s unpushed create: kept', at(0, { dirty: true }), at(0, { dirty: true }), 'keep', 'local-unpushed'],
    ['R3 this PC holds a newer version: kept', at(5), at(9), 'keep', 'local-newer'],
    ['R3 this PC holds a newer tombstone: kept (never resurrected)', at(5), at(9, { deleted: true }), 'keep', 'local-newer'],
    ['R3 the backup’s unpushed change on an older base: not restored', at(5, { dirty: true }), at(9), 'keep', 'local-newer'],
    ['R4 the same version: kept', at(7), at(7), 'keep', 'local-same'],
    ['R4 the same tombstone: kept', at(7, { deleted: true }), at(7, { deleted: true }), 'keep', 'local-same'],
    ['R4 a tombstone at the backup’s base: kept (never resurrected)', at(7, { dirty: true }), at(7, { deleted: true }), 'keep', 'local-same'],
    ['R4 a live version at the backup’s seq, the backup deleted it: kept', at(7, { deleted: true }), at(7), 'keep', 'local-same'],
    ['R4/R6 the backup’s unpushed change on this PC’s clean version: written unpushed', at(7, { dirty: true }), at(7), 'write', 'unpushed-on-same-base'],
    ['R5 this PC holds an older version: written', at(9), at(5), 'write', 'local-older'],
    ['R5 this PC holds an older tombstone, the server later had it live: written', at(9), at(5, { deleted: true }), 'write', 'local-older'],
    ['R5 the backup’s unpushed change on a newer base than this PC’s: written', at(9, { dirty: true }), at(5), 'write', 'local-older'],
  ])('%s', (_name, backup, local, action, rule) => {
    expect(decideRestore(backup, local)).toEqual({ action, rule });
  });

  it('plans a collection: what is written keeps its own base seq and mark; counts add up', () => {
    const b = (id: string, seq: number, more: { dirty?: boolean; deleted?: boolean } = {}) => ({ ...at(seq, more), id, name: `backup ${id}` });
    const l = (id: string, seq: number, more: { dirty?: boolean; deleted?: boolean } = {}) => ({ ...at(seq, more), id, name: `local ${id}` });
    const backup = [b('absent', 3), b('unpushed', 3), b('newer', 3, { dirty: true }), b('same', 3), b('older', 3), b('same-base', 3, { dirty: true }), b('gone', 3)];
    const local = [l('unpushed', 2, { dirty: true }), l('newer', 8), l('same', 3), l('older', 1), l('same-base', 3), l('gone', 6, { deleted: true }), l('only-here', 1)];
    const plan = planRestore(backup, local);
    expect(plan.write.map((w) => [w.backup.id, w.rule])).toEqual([['absent', 'absent'], ['older', 'local-older'], ['same-base', 'unpushed-on-same-base']]);
    expect(plan.write.map((w) => w.backup)).toEqual([backup[0], backup[4], backup[5]]);
    expect(plan.keep.map((k) => [k.local.id, k.rule])).toEqual([['unpushed', 'local-unpushed'], ['newer', 'local-newer'], ['same', 'local-same'], ['gone', 'local-newer']]);
    expect(plan.counts).toEqual({ written: 3, kept: 4, writtenUnpushed: 1, keptUnpushed: 1, keptNewer: 3, supersededUnpushed: 1 });
    // A map of this PC's documents plans the same.
    expect(planRestore(backup, new Map(local.map((d) => [d.id, d])))).toEqual(plan);
  });

  it('property: never over an unpushed change, never back in time, never resurrects, never drops the backup’s mark', () => {
    const doc = fc.record({ seq: fc.integer({ min: 0, max: 6 }), dirty: fc.boolean(), deleted: fc.boolean() });
    fc.assert(
      fc.property(doc, fc.option(doc, { nil: undefined }), (b, l) => {
        const backup = at(b.seq, b);
        const local = l && at(l.seq, l);
        const { action } = decideRestore(backup, local);
        if (!local) return action === 'write';
        if (l.dirty) return action === 'keep';
        if (l.seq > b.seq) return action === 'keep';
        if (l.seq === b.seq && l.deleted) return action === 'keep';
        if (l.seq === b.seq) return action === (b.dirty ? 'write' : 'keep');
        return action === 'write';
      }),
      { numRuns: 500, seed: 15 },
    );
  });
});
