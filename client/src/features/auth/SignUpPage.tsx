import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { RegisterInput } from '../../../../shared/schemas/auth';
import { useSignUp } from './api';
import { ErrorMessage } from './ErrorMessage';
import { safeReturnPath } from './return-path';
import { SignInLink, useNextParam } from './SignInLink';
import { DisplayNameField, RegionSelect, StakeholderGroupSelect } from './ProfileFields';

/** Open to every stakeholder, members and non-members alike. */
export function SignUpPage() {
  const { t } = useTranslation('auth');
  const signUp = useSignUp();
  const navigate = useNavigate();
  const next = useNextParam();
  const [form, setForm] = useState({
    email: '',
    displayName: '',
    password: '',
    stakeholderGroup: '',
    region: '',
  });
  const set = (k: keyof typeof form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const input: RegisterInput = {
      email: form.email,
      displayName: form.displayName,
      password: form.password,
    };
    if (form.stakeholderGroup)
      input.stakeholderGroup = form.stakeholderGroup as RegisterInput['stakeholderGroup'];
    if (form.region) input.region = form.region as RegisterInput['region'];
    signUp.mutate(input, { onSuccess: () => navigate(safeReturnPath(next, '/profile'), { replace: true }) });
  };
  return (
    <section aria-labelledby="signup-title" className="auth-page">
      <h1 id="signup-title">{t('signUp.title')}</h1>
      <p className="lead">{t('signUp.lead')}</p>
      <form className="form" onSubmit={submit} noValidate>
        <DisplayNameField autoComplete="name" value={form.displayName} onChange={set('displayName')} />
        <label>
          {t('fields.email')}
          <input
            type="email"
            autoComplete="email"
            required
            value={form.email}
            onChange={(e) => set('email')(e.target.value)}
          />
        </label>
        <label>
          {t('fields.newPassword')}
          <input
            type="password"
            autoComplete="new-password"
            required
            minLength={10}
            aria-describedby="password-hint"
            value={form.password}
            onChange={(e) => set('password')(e.target.value)}
          />
          <span id="password-hint" className="meta">
            {t('fields.passwordHint')}
          </span>
        </label>
        <StakeholderGroupSelect value={form.stakeholderGroup} onChange={set('stakeholderGroup')} />
        <RegionSelect value={form.region} onChange={set('region')} />
        <ErrorMessage error={signUp.error} />
        <div>
          <button type="submit" disabled={signUp.isPending}>
            {t('signUp.submit')}
          </button>
        </div>
        <p className="meta">
          {t('signUp.haveAccount')} <SignInLink>{t('nav.signIn')}</SignInLink>
        </p>
      </form>
    </section>
  );
}
