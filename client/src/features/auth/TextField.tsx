import type { InputHTMLAttributes } from 'react';

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'value' | 'onChange'>;

/** A labelled one-line text input; the label wraps the input so no id is needed to tie them. */
export function TextField({
  label,
  value,
  onChange,
  ...input
}: InputProps & { label: string; value: string; onChange: (value: string) => void }) {
  return (
    <label>
      {label}
      <input type="text" {...input} value={value} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}
