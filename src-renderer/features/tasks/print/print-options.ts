// What every printed task document takes from the caller: the compound profile for the heading and 落款, and the
// date printed on it (today when not given).
import { formatDateCn, localDate, type LocalDate } from '../../../../shared/domain/common/dates';

export type TaskPrintOptions = {
  /** 小区名称, for the heading; settings.compoundName when not given. */
  compoundName?: string | undefined;
  /** The compound profile (小区名称, 党支部名称); any of its fields may be missing before the first save. */
  settings?: { readonly compoundName?: string | undefined; readonly branchName?: string | undefined } | undefined;
  /** 落款 lines; by default the party branch (the hub of 六方联动), else the compound. */
  issuers?: readonly string[] | undefined;
  /** The date printed (YYYY-MM-DD); today on this PC when not given. */
  date?: LocalDate | undefined;
};

const text = (s: string | undefined): string => s?.trim() ?? '';

export type ResolvedPrintOptions = { compoundName: string; issuers: readonly string[]; date: LocalDate; dateCn: string };

export function resolvePrintOptions(o: TaskPrintOptions = {}): ResolvedPrintOptions {
  const compoundName = text(o.compoundName) || text(o.settings?.compoundName);
  const branch = text(o.settings?.branchName);
  const issuers = o.issuers ?? [branch || compoundName];
  const date = o.date ?? localDate(new Date());
  return { compoundName, issuers, date, dateCn: formatDateCn(date) ?? date };
}

/** A title the bridge accepts as a print title or PDF file name (no reserved characters, at most 190 characters). */
export function safeFileBase(title: string): string {
  return Array.from(title.trim() || '六方联动')
    .map((c) => (c < ' ' || '\\/:*?"<>|'.includes(c) ? '_' : c))
    .slice(0, 190)
    .join('');
}
