// Test helper of 年度结转 (year-end.test.ts, year-end.properties.test.ts): posting vouchers through the normal flow.
import type { Book, LedgerPeriod, Voucher } from './types';
import { postVoucher, reversalContext, reviewVoucher, voucherContext } from './voucher';

/** Reviews and posts each voucher of the plan (by another person), as the app's normal flow does. */
export function postAll(book: Book, vouchers: readonly Voucher[], periods: readonly LedgerPeriod[] = []): Book {
  let out = book;
  for (const v of vouchers) {
    const ctx = voucherContext(out.accounts, periods);
    const reviewed = reviewVoucher(v, { name: '李审核' }, `${v.date}T10:00:00.000Z`, ctx);
    if (!reviewed.ok) throw new Error(`review ${v.id}: ${reviewed.error.code} ${JSON.stringify(reviewed.error.problems)}`);
    const posted = postVoucher(reviewed.value, { name: '李审核' }, `${v.date}T10:00:01.000Z`, ctx, reversalContext(out.vouchers));
    if (!posted.ok) throw new Error(`post ${v.id}: ${posted.error.code}`);
    out = { ...out, vouchers: [...out.vouchers.filter((x) => x.id !== v.id && x.id !== posted.value.original?.id), ...(posted.value.original ? [posted.value.original] : []), posted.value.voucher] };
  }
  return out;
}
