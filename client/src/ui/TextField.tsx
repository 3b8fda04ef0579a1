import { type InputHTMLAttributes, useId } from 'react';
import { FieldMessage, fieldAttributes } from './field-errors';

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'value' | 'onChange'>;

export interface TextFieldProps extends InputProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** A standing hint under the input (what is expected), read out with it. */
  hint?: string;
  /** What is wrong with the value, shown beside it; the input is then marked invalid. */
  error?: string;
  type?: 'text' | 'email' | 'password';
}

/**
 * A labelled one-line input; the label wraps the input so no id is needed to tie them. Its error message sits
 * right under it and is read out with it.
 */
export function TextField({ label, value, onChange, hint, error, type = 'text', ...input }: TextFieldProps) {
  const id = useId();
  return (
    <label>
      {label}
      <input
        type={type}
        {...input}
        {...fieldAttributes(`${id}-error`, error, hint ? `${id}-hint` : undefined)}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
      {hint && (
        <span id={`${id}-hint`} className="meta">
          {hint}
        </span>
      )}
      <FieldMessage id={`${id}-error`} message={error} />
    </label>
  );
}
