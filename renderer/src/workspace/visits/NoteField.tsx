import { forwardRef, useId, useState, type KeyboardEvent } from 'react';
import type { ContractError } from '../../../../shared/contract/result';
import { useAutosave } from '../useAutosave';
import { SaveStatus } from './SaveStatus';

interface NoteFieldProps {
  readonly label: string;
  /** Visually hidden label (the heading above already says what the field is). */
  readonly hideLabel?: boolean;
  readonly initial: string;
  readonly rows?: number;
  readonly save: (text: string) => Promise<{ ok: true } | { ok: false; error: ContractError }>;
  readonly onKeyDown?: (event: KeyboardEvent<HTMLTextAreaElement>) => void;
  readonly testId?: string;
  readonly describedBy?: string;
}

/** A notes field of the current author: autosaved while typing, with its saved state beside it. */
export const NoteField = forwardRef<HTMLTextAreaElement, NoteFieldProps>(function NoteField(props, ref) {
  const id = useId();
  const [value, setValue] = useState(props.initial);
  const { state, change, flush } = useAutosave(props.save);
  return (
    <div className="note-field">
      <div className="note-field-head">
        <label htmlFor={id} className={props.hideLabel ? 'visually-hidden' : undefined}>
          {props.label}
        </label>
        <SaveStatus state={state} id={`${id}-status`} />
      </div>
      <textarea
        ref={ref}
        id={id}
        rows={props.rows ?? 4}
        value={value}
        data-testid={props.testId}
        aria-describedby={[`${id}-status`, props.describedBy].filter(Boolean).join(' ')}
        onChange={(event) => {
          setValue(event.target.value);
          change(event.target.value);
        }}
        onBlur={() => void flush()}
        onKeyDown={props.onKeyDown}
      />
    </div>
  );
});
