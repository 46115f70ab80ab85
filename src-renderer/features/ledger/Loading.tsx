/** While the whole books are read (seconds for 50,000 vouchers after a restart). */
export function Loading() {
  return (
    <p className="muted" data-testid="ledger-loading">
      正在读取账簿……
    </p>
  );
}
