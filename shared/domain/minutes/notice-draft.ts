// A 决议公告 draft's form check now lives with the notices (shared/domain/notices/draft-form.ts, SPEC N5–N7); the
// minutes keep their names for it.
export * from '../notices/draft-form';
