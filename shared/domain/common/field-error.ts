// The shape every form validator returns on failure: one coded error per field. Chinese text is chosen at the edge.

export type FieldError<C extends string> = { code: C; detail?: Record<string, string | number> };

/** At most one error per field; a field without an entry is valid. */
export type FieldErrors<F extends string, C extends string> = Partial<Record<F, FieldError<C>>>;

export const hasErrors = (errors: Readonly<Record<string, unknown>>): boolean =>
  Object.values(errors).some((e) => e !== undefined);
