// Version 1 → 2 of notices (issue #13): 已发布 is now 'issued' with issuedAt/By (was published*). Pure; run by RxDB
// on each stored document when the app opens, and mirrored for the server's copies by 0006-notices-v2.sql.
type Data = Record<string, unknown>;

export function migrateNoticeV1ToV2(doc: Data): Data {
  const { publishedAt, publishedBy, ...rest } = doc;
  const out: Data = { ...rest };
  if (doc.status === 'published') out.status = 'issued';
  if (typeof publishedAt === 'string') out.issuedAt = publishedAt;
  if (typeof publishedBy === 'string') out.issuedBy = publishedBy;
  return out;
}
