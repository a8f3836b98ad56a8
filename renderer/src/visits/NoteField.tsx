import { forwardRef, useId, useState, type KeyboardEvent } from 'react';
import { SaveStatus } from '../input/SaveStatus';
import { useAutosave, type SaveCall } from '../input/useAutosave';
import visits from './visits.module.css';
import styles from './NoteField.module.css';

interface NoteFieldProps {
  readonly label: string;
  /** Visually hidden label (the heading above already says what the field is). */
  readonly hideLabel?: boolean;
  readonly initial: string;
  readonly rows?: number;
  /** Names the field in the draft journal (one per record and author). */
  readonly saveKey: string;
  /** The contract call that stores the text. */
  readonly toCall: (text: string) => SaveCall;
  readonly onKeyDown?: (event: KeyboardEvent<HTMLTextAreaElement>) => void;
  readonly testId?: string;
  readonly describedBy?: string;
}

/** A notes field of the current author: autosaved while typing, with its saved state beside it. */
export const NoteField = forwardRef<HTMLTextAreaElement, NoteFieldProps>(function NoteField(props, ref) {
  const id = useId();
  const [value, setValue] = useState(props.initial);
  const { state, change, flush } = useAutosave(props.saveKey, props.toCall);
  return (
    <div className={styles.noteField}>
      <div className={visits.noteFieldHead}>
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
