// What a restore writes (issue #15). Pure: the backup's documents and what this PC holds in, a plan out.
//
// THE RULE: a restore never goes back in time and never drops an unpushed write. For each document of the backup:
//   R1  this PC lacks it                                   → write the backup's version
//   R2  this PC holds it with an unpushed change            → keep this PC's (its push is still to come)
//   R3  this PC holds a version based on a newer server seq → keep this PC's (a tombstone too: a deleted record is
//                                                             never resurrected)
//   R4  this PC holds a version based on the same seq       → keep this PC's, unless the backup holds an unpushed
//                                                             change on top of it and this PC's copy is a live,
//                                                             clean one (a re-synced install): then that change
//                                                             comes back (R6)
//   R5  this PC holds a version based on an older seq       → write the backup's version
//   R6  a written version keeps its own base seq and its own unpushed mark: an unpushed change of the backup comes
//       back unpushed and is pushed on its base seq, so the server's compare-and-set and the conflict merge decide —
//       never a silent overwrite of a newer server version.
// After a restore every pull checkpoint is reset to 0, so the next sync pulls everything again and the server's newer
// versions and tombstones win (the engine applies only versions newer than what is held, and never over an unpushed
// change). Documents this PC holds that the backup lacks are not touched.
//
// Not restored: an unpushed change of the backup to a document this PC holds at a newer seq (R3). If this PC pushed
// it, its newer version contains it; if not (the PC was wiped and re-synced, and someone changed the document since)
// writing it would go back in time. The plan counts such changes (`supersededUnpushed`) so the UI can say so.
import type { DocSync } from '../sync/protocol';

/** The part of a document the rule looks at. */
export type PlanDoc = { id: string; _deleted?: boolean; sync?: DocSync };

export const RestoreRule = {
  /** R1: this PC lacks the document. */
  Absent: 'absent',
  /** R2: this PC holds an unpushed change. */
  LocalUnpushed: 'local-unpushed',
  /** R3: this PC holds a version based on a newer server seq. */
  LocalNewer: 'local-newer',
  /** R4: the same base seq, nothing of the backup's to bring back. */
  LocalSame: 'local-same',
  /** R4 (R6): the same base seq, and the backup's unpushed change on top of it comes back. */
  UnpushedOnSameBase: 'unpushed-on-same-base',
  /** R5: this PC holds a version based on an older seq. */
  LocalOlder: 'local-older',
} as const;
export type RestoreRule = (typeof RestoreRule)[keyof typeof RestoreRule];

export type RestoreDecision = { action: 'write' | 'keep'; rule: RestoreRule };

const seqOf = (d: PlanDoc): number => d.sync?.seq ?? 0;
const isDirty = (d: PlanDoc): boolean => d.sync?.dirty === true;

/** The rule for one document: the backup's version, and this PC's (undefined: this PC lacks it). */
export function decideRestore(backup: PlanDoc, local: PlanDoc | undefined): RestoreDecision {
  if (!local) return { action: 'write', rule: RestoreRule.Absent };
  if (isDirty(local)) return { action: 'keep', rule: RestoreRule.LocalUnpushed };
  const held = seqOf(local);
  const theirs = seqOf(backup);
  if (held > theirs) return { action: 'keep', rule: RestoreRule.LocalNewer };
  if (held === theirs) {
    return isDirty(backup) && local._deleted !== true
      ? { action: 'write', rule: RestoreRule.UnpushedOnSameBase }
      : { action: 'keep', rule: RestoreRule.LocalSame };
  }
  return { action: 'write', rule: RestoreRule.LocalOlder };
}

export type RestoreCounts = {
  /** Versions of the backup written. */
  written: number;
  /** Documents where this PC's version stays. */
  kept: number;
  /** Of those written, unpushed changes of the backup that come back unpushed. */
  writtenUnpushed: number;
  /** Of those kept: this PC's unpushed change (R2), or a newer or equal version (R3, R4). */
  keptUnpushed: number;
  keptNewer: number;
  /** Unpushed changes of the backup not restored because this PC holds a newer version (R3). */
  supersededUnpushed: number;
};

export type PlannedDoc<B, L> = { backup: B; local: L | undefined; rule: RestoreRule };

export type RestorePlan<B extends PlanDoc, L extends PlanDoc> = {
  write: PlannedDoc<B, L>[];
  keep: (PlannedDoc<B, L> & { local: L })[];
  counts: RestoreCounts;
};

export const emptyRestoreCounts = (): RestoreCounts => ({ written: 0, kept: 0, writtenUnpushed: 0, keptUnpushed: 0, keptNewer: 0, supersededUnpushed: 0 });

/** Adds one decision to the counts (also for callers that decide again after a write conflict). */
export function countDecision(counts: RestoreCounts, backup: PlanDoc, decision: RestoreDecision): void {
  if (decision.action === 'write') {
    counts.written += 1;
    if (isDirty(backup)) counts.writtenUnpushed += 1;
    return;
  }
  counts.kept += 1;
  if (decision.rule === RestoreRule.LocalUnpushed) counts.keptUnpushed += 1;
  else counts.keptNewer += 1;
  if (decision.rule === RestoreRule.LocalNewer && isDirty(backup)) counts.supersededUnpushed += 1;
}

export const addRestoreCounts = (a: RestoreCounts, b: RestoreCounts): RestoreCounts => ({
  written: a.written + b.written,
  kept: a.kept + b.kept,
  writtenUnpushed: a.writtenUnpushed + b.writtenUnpushed,
  keptUnpushed: a.keptUnpushed + b.keptUnpushed,
  keptNewer: a.keptNewer + b.keptNewer,
  supersededUnpushed: a.supersededUnpushed + b.supersededUnpushed,
});

/** The plan of one collection: every document of the backup, against this PC's version of it. */
export function planRestore<B extends PlanDoc, L extends PlanDoc>(
  backupDocs: readonly B[],
  localDocs: ReadonlyMap<string, L> | readonly L[],
): RestorePlan<B, L> {
  const local: ReadonlyMap<string, L> = Array.isArray(localDocs)
    ? new Map((localDocs as readonly L[]).map((d) => [d.id, d]))
    : (localDocs as ReadonlyMap<string, L>);
  const plan: RestorePlan<B, L> = { write: [], keep: [], counts: emptyRestoreCounts() };
  for (const backup of backupDocs) {
    const held = local.get(backup.id);
    const decision = decideRestore(backup, held);
    countDecision(plan.counts, backup, decision);
    if (decision.action === 'write') plan.write.push({ backup, local: held, rule: decision.rule });
    else plan.keep.push({ backup, local: held!, rule: decision.rule });
  }
  return plan;
}
