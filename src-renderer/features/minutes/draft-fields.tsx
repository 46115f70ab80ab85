// Inputs that save as you type. While the secretary edits a field its text lives here (a local draft), so a save
// or a change arriving from another PC never moves the caret or replaces what is being typed; once the field is
// left, it shows the stored value again (and so picks up remote changes).
// A field with a `field` key is the session's (issue #8): every keystroke's text goes to the write-ahead store first
// (MeetingSession.note), a value the rules refuse (or that cannot be read) is held by the session and shown here with
// its message and 未保存 until it is saved (maybe with its group, by a later edit) or let go (Escape), and text kept
// from before the last close is restored when the field appears. Labels name the controls (tests and screen
// readers find them by it).
import { useContext, useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { FieldFrame } from '../../ui/fields';
import { EditorContext, heldText } from './editor-context';

export type Commit = (text: string) => string | null;

/** The session field an input stands for: its key (the path it sets, also data-path) and its group. */
export type DraftField = { key: string; group?: string | undefined };

export function useDraft(stored: string, commit: Commit, label = '', field?: DraftField) {
  const editor = useContext(EditorContext);
  const session = field ? editor?.session : undefined;
  const key = field?.key ?? '';
  const held = session ? editor?.held.get(key) : undefined;
  const [draft, setDraft] = useState<string | null>(() => held?.text ?? null);
  const [localError, setLocalError] = useState<string | null>(null);
  const focused = useRef(false);
  const latest = useRef({ stored, commit, label, group: field?.group });
  latest.current = { stored, commit, label, group: field?.group };

  // Restores text typed before the last close that the database does not have (the write-ahead store).
  useEffect(() => {
    if (!session) return;
    if (session.heldAt(key)) return;
    const text = session.recovered(key);
    if (text === null) return;
    const { stored: now, commit: save, label: name, group } = latest.current;
    if (text === now) {
      session.forget(key);
      return;
    }
    setDraft(text);
    session.note(key, text, { label: name, group });
    const message = save(text);
    if (message !== null && !session.heldAt(key)) session.refuse(key, message);
  }, [session, key]);

  // Saved meanwhile by its group (or let go): an input not being edited shows the stored value again.
  const isHeld = held !== undefined;
  const wasHeld = useRef(isHeld);
  useEffect(() => {
    if (session && wasHeld.current && !isHeld && !focused.current) setDraft(null);
    wasHeld.current = isHeld;
  }, [session, isHeld]);

  const error = session ? (held && editor ? heldText(held, editor.meeting) : null) : localError;
  return {
    value: draft ?? stored,
    error,
    unsaved: isHeld,
    onChange(text: string) {
      setDraft(text);
      if (session) {
        session.note(key, text, { label, group: field?.group });
        const message = commit(text);
        if (message !== null && !session.heldAt(key)) session.refuse(key, message);
      } else setLocalError(commit(text));
    },
    onFocus() {
      focused.current = true;
    },
    onBlur() {
      focused.current = false;
      if (session ? !session.heldAt(key) : localError === null) setDraft(null);
    },
    /** Escape on a refused value: back to what is stored. */
    onKeyDown(e: KeyboardEvent) {
      if (e.key === 'Escape' && (session ? session.heldAt(key) !== undefined : localError !== null)) {
        e.stopPropagation();
        setDraft(null);
        if (session) session.release(key);
        else setLocalError(null);
      }
    },
  };
}

/** 未保存: the field shows a value that is not stored. */
function UnsavedMark({ name }: { name: string }) {
  return (
    <span className="badge badge-warn unsaved-mark" data-testid={`unsaved-${name}`} title="此项的值未保存：请按提示更正，或按 Esc 恢复为已保存的值">
      未保存
    </span>
  );
}

const describedBy = (id: string, error?: string | null, hint?: string): string | undefined =>
  error ? `${id}-error` : hint ? `${id}-hint` : undefined;

type DraftProps = {
  label: string;
  /** data-testid="field-<name>" / "error-<name>". */
  name: string;
  stored: string;
  commit: Commit;
  /** The session field (key = the path the commit edits, shown as data-path), for held values and recovery. */
  field?: DraftField;
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
  const { label, name, stored, commit, storedError, hint, className, placeholder, maxLength, focusKey, labelHidden, readOnly, field } = props;
  const d = useDraft(stored, commit, label, field);
  const error = d.error ?? storedError;
  const input = (
    <input
      id={id}
      name={name}
      data-testid={`field-${name}`}
      data-focus-key={focusKey}
      data-path={field?.key}
      data-unsaved={d.unsaved ? 'true' : undefined}
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
      onFocus={() => d.onFocus()}
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
      {props.after || d.unsaved ? (
        <div className="input-row">
          {input}
          {d.unsaved && <UnsavedMark name={name} />}
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
  const { label, name, stored, commit, storedError, hint, className, placeholder, maxLength, focusKey, labelHidden, readOnly, field } = props;
  const d = useDraft(stored, commit, label, field);
  const error = d.error ?? storedError;
  return (
    <FieldFrame id={id} label={label} name={name} error={error} hint={hint} className={className} labelHidden={labelHidden}>
      {d.unsaved && <UnsavedMark name={name} />}
      <textarea
        id={id}
        name={name}
        data-testid={`field-${name}`}
        data-focus-key={focusKey}
        data-path={field?.key}
        data-unsaved={d.unsaved ? 'true' : undefined}
        rows={props.rows ?? 3}
        value={d.value}
        placeholder={placeholder}
        maxLength={maxLength}
        readOnly={readOnly}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        onChange={(e) => d.onChange(e.target.value)}
        onFocus={() => d.onFocus()}
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

/** Moves the focus to the field with that data-path (its session key, or a 定稿 field name) once it is rendered. */
export function focusPath(path: string, tries = 10): void {
  const p = path.replace(/["\\]/g, '');
  // The field itself, else the first field under it (a vote's problem → its first count).
  const el = document.querySelector<HTMLElement>(`[data-path="${p}"]`) ?? document.querySelector<HTMLElement>(`[data-path^="${p}."]`);
  if (el) {
    el.focus();
    el.scrollIntoView?.({ block: 'center' });
    return;
  }
  if (tries > 0) setTimeout(() => focusPath(path, tries - 1), 16);
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
