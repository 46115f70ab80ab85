// Every write is stamped: who (the operator's name), when (ISO timestamp) and, where known, which device. Passed in by
// the caller (the renderer's db/operator.ts currentStamp), never read from a clock here. Documents store who and
// when (createdAt/createdBy, updatedAt/updatedBy); the device goes into conflict copies and the server's history.
export type Stamp = { readonly at: string; readonly by: string; readonly device?: string };

/** The four bookkeeping fields of a new document. */
export const createdFields = (s: Stamp): { createdAt: string; createdBy: string; updatedAt: string; updatedBy: string } => ({
  createdAt: s.at,
  createdBy: s.by,
  updatedAt: s.at,
  updatedBy: s.by,
});

/** The bookkeeping fields an edit changes. */
export const updatedFields = (s: Stamp): { updatedAt: string; updatedBy: string } => ({ updatedAt: s.at, updatedBy: s.by });
