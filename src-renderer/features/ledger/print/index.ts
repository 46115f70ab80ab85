// The ledger's printed vouchers (记账凭证 with its supporting documents).
export { printVoucher, printedImages, voucherPrintHtml, type PrintedImage } from './voucher';
