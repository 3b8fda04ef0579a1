import { type RefObject, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { HttpError } from '../api/http';

/**
 * What a failed request says about each field, in the reader's language: a function from a field's name to
 * its message, or undefined when the field is fine. The server names the field and the rule it broke; a
 * message written for one field ("fieldError.byField.email_format") wins over the rule's general one.
 */
export function useFieldErrors(error: unknown): (field: string) => string | undefined {
  const { t } = useTranslation();
  const issues = error instanceof HttpError ? error.fields : [];
  return (field) => {
    const issue = issues.find((i) => i.field === field);
    if (!issue) return undefined;
    return t([`fieldError.byField.${issue.field}_${issue.rule}`, `fieldError.${issue.rule}`], {
      limit: issue.limit,
    });
  };
}

/**
 * The attributes that tie an input to its message: invalid, and described by it. `invalid` marks it when the
 * form itself finds it wrong (a text over its limit) without a message from the server.
 */
export function fieldAttributes(
  id: string,
  message: string | undefined,
  describedBy?: string,
  invalid = false,
) {
  const ids = [describedBy, message ? id : undefined].filter(Boolean).join(' ');
  return { 'aria-invalid': message || invalid ? true : undefined, 'aria-describedby': ids || undefined };
}

/** The message beside a field, read out with the field through aria-describedby. */
export function FieldMessage({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <span id={id} className="field-error">
      {message}
    </span>
  );
}

/**
 * After a failed submit, puts focus where the person can act on it: the first field marked invalid, else the
 * form's error message (ErrorMessage). Without it focus is lost: the submit button is disabled while the
 * request is pending, a disabled button lets go of focus, and the next Tab starts again from the page.
 */
export function useFocusOnFailure(form: RefObject<HTMLFormElement | null>, error: unknown) {
  useEffect(() => {
    if (error) form.current?.querySelector<HTMLElement>('[aria-invalid="true"], [role="alert"]')?.focus();
  }, [form, error]);
}
