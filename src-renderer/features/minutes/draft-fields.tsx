// Inputs that save as you type. While the secretary edits a field its text lives here (a local draft), so a save
// or a change arriving from another PC never moves the caret or replaces what is being typed; once the field is
// left, it shows the stored value again (and so picks up remote changes). A refused value (invalid) stays in the
// input with its message and is not saved. Labels name the controls (tests and screen readers find them by it).
import { useId, useState, type KeyboardEvent, type ReactNode } from 'react';
import { FieldFrame } from '../../ui/fields';

export type Commit = (text: string) => string | null;

export function useDraft(stored: string, commit: Commit) {
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  return {
    value: draft ?? stored,
    error,
    onChange(text: string) {
      setDraft(text);
      setError(commit(text));
    },
    onBlur() {
      if (error === null) setDraft(null);
    },
    /** Escape on a refused value: back to what is stored. */
    onKeyDown(e: KeyboardEvent) {
      if (e.key === 'Escape' && error !== null) {
        e.stopPropagation();
        setDraft(null);
        setError(null);
      }
    },
  };
}

const describedBy = (id: string, error?: string | null, hint?: string): string | undefined =>
  error ? `${id}-error` : hint ? `${id}-hint` : undefined;

type DraftProps = {
  label: string;
  /** data-testid="field-<name>" / "error-<name>". */
  name: string;
  stored: string;
  commit: Commit;
  /** A problem of the stored record at this field (shown when no draft message is). */
  storedError?: string | undefined;
  hint?: string;
  className?: string;
  placeholder?: string;
  maxLength?: number;
  /** data-focus-key, for moving the focus here from a shortcut. */
  focusKey?: string;
  labelHidden?: boolean;
  readOnly?: boolean;
};

export function DraftInput(
  props: DraftProps & {
    type?: 'text' | 'date';
    inputMode?: 'text' | 'decimal' | 'numeric';
    list?: string;
    after?: ReactNode;
    onEnter?: () => void;
  },
) {
  const id = useId();
  const { label, name, stored, commit, storedError, hint, className, placeholder, maxLength, focusKey, labelHidden, readOnly } = props;
  const d = useDraft(stored, commit);
  const error = d.error ?? storedError;
  const input = (
    <input
      id={id}
      name={name}
      data-testid={`field-${name}`}
      data-focus-key={focusKey}
      type={props.type ?? 'text'}
      inputMode={props.inputMode}
      list={props.list}
      value={d.value}
      placeholder={placeholder}
      maxLength={maxLength}
      readOnly={readOnly}
      autoComplete="off"
      aria-invalid={error ? true : undefined}
      aria-describedby={describedBy(id, error, hint)}
      onChange={(e) => d.onChange(e.target.value)}
      onBlur={() => d.onBlur()}
      onKeyDown={(e) => {
        d.onKeyDown(e);
        if (e.key === 'Enter' && props.onEnter) {
          e.preventDefault();
          props.onEnter();
        }
      }}
    />
  );
  return (
    <FieldFrame id={id} label={label} name={name} error={error} hint={hint} className={className} labelHidden={labelHidden}>
      {props.after ? (
        <div className="input-row">
          {input}
          {props.after}
        </div>
      ) : (
        input
      )}
    </FieldFrame>
  );
}

export function DraftTextArea(props: DraftProps & { rows?: number }) {
  const id = useId();
  const { label, name, stored, commit, storedError, hint, className, placeholder, maxLength, focusKey, labelHidden, readOnly } = props;
  const d = useDraft(stored, commit);
  const error = d.error ?? storedError;
  return (
    <FieldFrame id={id} label={label} name={name} error={error} hint={hint} className={className} labelHidden={labelHidden}>
      <textarea
        id={id}
        name={name}
        data-testid={`field-${name}`}
        data-focus-key={focusKey}
        rows={props.rows ?? 3}
        value={d.value}
        placeholder={placeholder}
        maxLength={maxLength}
        readOnly={readOnly}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        onChange={(e) => d.onChange(e.target.value)}
        onBlur={() => d.onBlur()}
        onKeyDown={(e) => d.onKeyDown(e)}
      />
    </FieldFrame>
  );
}

/** A select that writes at once (a choice is not typed: no draft needed). */
export function ChoiceField(props: {
  label: string;
  name: string;
  value: string;
  options: readonly { value: string; label: string }[];
  onChange: (value: string) => void;
  error?: string | undefined;
  empty?: string;
  className?: string;
  labelHidden?: boolean;
  disabled?: boolean;
}) {
  const id = useId();
  const { label, name, value, options, onChange, error, empty, className, labelHidden, disabled } = props;
  return (
    <FieldFrame id={id} label={label} name={name} error={error} className={className} labelHidden={labelHidden}>
      <select
        id={id}
        name={name}
        data-testid={`field-${name}`}
        value={value}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => onChange(e.target.value)}
      >
        {empty !== undefined && <option value="">{empty}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** Moves the focus to the element with that data-focus-key once it is rendered (it may be a moment away). */
export function focusSoon(focusKey: string, tries = 10): void {
  const el = document.querySelector<HTMLElement>(`[data-focus-key="${focusKey}"]`);
  if (el) {
    el.focus();
    el.scrollIntoView?.({ block: 'nearest' });
    return;
  }
  if (tries > 0) setTimeout(() => focusSoon(focusKey, tries - 1), 16);
}
