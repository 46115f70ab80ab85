// Labelled form controls. The visible <label> names the control (end-to-end tests find fields by it); an error
// shows under the field with role="alert" and data-testid="error-<name>".
import { useId, type ReactNode } from 'react';

type Common = {
  label: string;
  /** Form field name: used for data-testid="field-<name>" and "error-<name>". */
  name: string;
  error?: string | undefined;
  hint?: string;
  required?: boolean;
  className?: string;
};

/** The frame every labelled control sits in: label, the control, then a hint or the error. */
export function FieldFrame({
  id,
  label,
  name,
  error,
  hint,
  required,
  className,
  labelHidden,
  children,
}: Omit<Common, 'error' | 'hint' | 'className'> & {
  id: string;
  error?: string | null | undefined;
  hint?: string | undefined;
  className?: string | undefined;
  /** Named for screen readers and tests only, where the layout already says what the field is. */
  labelHidden?: boolean | undefined;
  children: ReactNode;
}) {
  return (
    <div className={`field${error ? ' has-error' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id} className={labelHidden ? 'visually-hidden' : required ? 'required' : undefined}>
        {label}
      </label>
      {children}
      {hint && !error && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" role="alert" id={`${id}-error`} data-testid={`error-${name}`}>
          {error}
        </p>
      )}
    </div>
  );
}

const describedBy = (id: string, error?: string, hint?: string): string | undefined =>
  error ? `${id}-error` : hint ? `${id}-hint` : undefined;

export function TextField(
  props: Common & {
    value: string;
    onChange: (value: string) => void;
    type?: 'text' | 'tel' | 'date' | 'search';
    placeholder?: string;
    inputMode?: 'text' | 'tel' | 'decimal' | 'numeric';
    autoFocus?: boolean;
    /** Shown and selectable, not editable (e.g. the web version's server address). */
    readOnly?: boolean;
  },
) {
  const id = useId();
  const { value, onChange, type = 'text', placeholder, inputMode, autoFocus, readOnly, ...frame } = props;
  return (
    <FieldFrame id={id} {...frame}>
      <input
        id={id}
        name={frame.name}
        data-testid={`field-${frame.name}`}
        type={type}
        value={value}
        placeholder={placeholder}
        inputMode={inputMode}
        autoFocus={autoFocus}
        readOnly={readOnly}
        aria-invalid={frame.error ? true : undefined}
        aria-describedby={describedBy(id, frame.error, frame.hint)}
        onChange={(e) => onChange(e.target.value)}
      />
    </FieldFrame>
  );
}

export function TextAreaField(
  props: Common & { value: string; onChange: (value: string) => void; rows?: number; placeholder?: string },
) {
  const id = useId();
  const { value, onChange, rows = 3, placeholder, ...frame } = props;
  return (
    <FieldFrame id={id} {...frame}>
      <textarea
        id={id}
        name={frame.name}
        data-testid={`field-${frame.name}`}
        rows={rows}
        value={value}
        placeholder={placeholder}
        aria-invalid={frame.error ? true : undefined}
        aria-describedby={describedBy(id, frame.error, frame.hint)}
        onChange={(e) => onChange(e.target.value)}
      />
    </FieldFrame>
  );
}

export type Option = { value: string; label: string };

export function SelectField(
  props: Common & { value: string; onChange: (value: string) => void; options: readonly Option[]; empty?: string },
) {
  const id = useId();
  const { value, onChange, options, empty, ...frame } = props;
  return (
    <FieldFrame id={id} {...frame}>
      <select
        id={id}
        name={frame.name}
        data-testid={`field-${frame.name}`}
        value={value}
        aria-invalid={frame.error ? true : undefined}
        aria-describedby={describedBy(id, frame.error, frame.hint)}
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

/** A group of checkboxes named by its legend; each checkbox is named by its own label. */
export function CheckboxGroup(props: {
  legend: string;
  name: string;
  options: readonly Option[];
  value: readonly string[];
  onChange: (value: string[]) => void;
  error?: string | undefined;
}) {
  const id = useId();
  const { legend, name, options, value, onChange, error } = props;
  const toggle = (v: string, on: boolean) =>
    onChange(on ? [...value, v] : value.filter((x) => x !== v));
  return (
    <fieldset
      className={`field checkbox-group${error ? ' has-error' : ''}`}
      data-testid={`field-${name}`}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend>{legend}</legend>
      <div className="checkbox-grid">
        {options.map((o) => (
          <label key={o.value} className="checkbox">
            <input
              type="checkbox"
              name={name}
              value={o.value}
              checked={value.includes(o.value)}
              onChange={(e) => toggle(o.value, e.target.checked)}
            />
            {o.label}
          </label>
        ))}
      </div>
      {error && (
        <p className="field-error" role="alert" id={`${id}-error`} data-testid={`error-${name}`}>
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** A form-level failure (e.g. the disk is full): the form stays open with everything typed. */
export function FormError({ text }: { text: string | null }) {
  if (!text) return null;
  return (
    <div className="form-error" role="alert" data-testid="form-error">
      {text}
    </div>
  );
}
