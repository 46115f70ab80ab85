// Expected failures are values with codes; Chinese text is chosen at the edge (see src-renderer/i18n).
export type Result<T, E = { code: string; detail?: Record<string, string | number> }> =
  | { ok: true; value: T }
  | { ok: false; error: E };

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
export const err = <E>(error: E): { ok: false; error: E } => ({ ok: false, error });

export function assertNever(x: never): never {
  throw new Error(`unhandled case: ${String(x)}`);
}
