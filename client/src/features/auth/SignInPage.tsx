import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useSignIn } from './api';
import { ErrorMessage } from './ErrorMessage';
import { safeReturnPath } from './return-path';
import { SignInLink, useNextParam } from './SignInLink';

export function SignInPage() {
  const { t } = useTranslation('auth');
  const signIn = useSignIn();
  const navigate = useNavigate();
  const next = useNextParam();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
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
      <form className="form" onSubmit={submit} noValidate>
        <label>
          {t('fields.email')}
          <input
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label>
          {t('fields.password')}
          <input
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <ErrorMessage error={signIn.error} />
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
