import type { ReactNode } from 'react';
import forms from './form.module.css';

/** What the control of a Field spreads onto itself: its id and its link to the hint and the error. */
export interface FieldControl {
  readonly id: string;
  readonly 'aria-invalid': true | undefined;
  readonly 'aria-describedby': string | undefined;
}

interface FieldProps {
  /** The control's id; the hint is `${id}-hint`, the error `${id}-error`. */
  readonly id: string;
  readonly label: ReactNode;
  /** The field's error message; when set the control is marked invalid and described by it. */
  readonly error?: string | null | undefined;
  /** A hint under the control, always part of its description. */
  readonly hint?: ReactNode;
  readonly className?: string;
  /** Shown last, under the error: a note that is not part of the control's description. */
  readonly after?: ReactNode;
  /** Renders the control (input, select, textarea) with the given props spread onto it. */
  readonly children: (control: FieldControl) => ReactNode;
}

/** One form field: label, control, optional hint and the field's error, wired for assistive technology. */
export function Field({ id, label, error, hint, className = forms.field, after, children }: FieldProps) {
  const hintId = hint ? `${id}-hint` : null;
  const errorId = error ? `${id}-error` : null;
  const describedBy = [hintId, errorId].filter((part) => part !== null).join(' ');
  return (
    <div className={className}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy || undefined })}
      {hint ? (
        <p id={`${id}-hint`} className={forms.fieldHint}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className={forms.fieldError}>
          {error}
        </p>
      ) : null}
      {after}
    </div>
  );
}
