import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useSignIn } from './api';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useFieldErrors, useFocusOnFailure } from '../../ui/field-errors';
import { safeReturnPath } from './return-path';
import { SignInLink, useNextParam } from './SignInLink';
import { EmailField, PasswordField } from './ProfileFields';
import { useDocumentTitle } from '../../app/useDocumentTitle';

export function SignInPage() {
  const { t } = useTranslation('auth');
  useDocumentTitle(t('signIn.title'));
  const signIn = useSignIn();
  const navigate = useNavigate();
  const next = useNextParam();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const fieldError = useFieldErrors(signIn.error);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusOnFailure(formRef, signIn.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    signIn.mutate(
      { email, password },
      { onSuccess: () => navigate(safeReturnPath(next), { replace: true }) },
    );
  };
  return (
    <section aria-labelledby="signin-title" className="auth-page">
      <h1 id="signin-title">{t('signIn.title')}</h1>
      <form ref={formRef} className="form" onSubmit={submit} noValidate>
        <EmailField autoComplete="username" value={email} onChange={setEmail} error={fieldError('email')} />
        <PasswordField value={password} onChange={setPassword} error={fieldError('password')} />
        <ErrorMessage
          error={signIn.error}
          marks={['email', 'password']}
          says={{ 401: t('errors.wrongCredentials') }}
        />
        <div>
          <button type="submit" disabled={signIn.isPending}>
            {t('signIn.submit')}
          </button>
        </div>
        <p className="meta">
          {t('signIn.noAccount')} <SignInLink page="/signup">{t('nav.signUp')}</SignInLink>
        </p>
      </form>
    </section>
  );
}
