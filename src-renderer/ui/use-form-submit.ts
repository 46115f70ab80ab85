// The state every "validate, then write" form keeps: what was typed, one coded error per field, the form-level
// error text of a failed write, and the saving flag. Invalid input is never saved; a failed write keeps the input.
import { useState, type FormEvent } from 'react';
import type { FieldErrors } from '../../shared/domain/common/field-error';
import type { Result } from '../../shared/result';
import type { WriteError } from '../db/write-error';
import { errorText } from '../i18n/errors';

export function useFormSubmit<I extends object, C extends string, V>({
  initial,
  validate,
  save,
  onSaved,
}: {
  initial: () => I;
  validate: (input: I) => Result<V, FieldErrors<keyof I & string, C>>;
  save: (values: V) => Promise<Result<unknown, WriteError>>;
  /** After a successful write; `setInput` lets a form show what was stored. */
  onSaved: (values: V, setInput: (input: I) => void) => void;
}) {
  const [input, setInput] = useState<I>(initial);
  const [errors, setErrors] = useState<FieldErrors<keyof I & string, C>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  /** Changes one field and clears its error. */
  const set = <K extends keyof I & string>(field: K, value: I[K]) => {
    setInput((i) => ({ ...i, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (saving) return;
    const valid = validate(input);
    if (!valid.ok) {
      setErrors(valid.error);
      setFormError(null);
      return;
    }
    setErrors({});
    setFormError(null);
    setSaving(true);
    const saved = await save(valid.value);
    setSaving(false);
    if (!saved.ok) {
      setFormError(errorText(saved.error.code));
      return;
    }
    onSaved(valid.value, setInput);
  }

  return { input, set, errors, formError, saving, onSubmit: (e: FormEvent) => void submit(e) };
}
