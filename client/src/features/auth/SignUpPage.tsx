import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { RegisterInput } from '../../../../shared/schemas/auth';
import { useSignUp } from './api';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useFieldErrors, useFocusOnFailure } from '../../ui/field-errors';
import { safeReturnPath } from './return-path';
import { SignInLink, useNextParam } from './SignInLink';
import {
  DisplayNameField,
  EmailField,
  PasswordField,
  RegionSelect,
  StakeholderGroupSelect,
} from './ProfileFields';
import { useDocumentTitle } from '../../app/useDocumentTitle';

/** Open to every stakeholder, members and non-members alike. */
export function SignUpPage() {
  const { t } = useTranslation('auth');
  useDocumentTitle(t('signUp.title'));
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
  const fieldError = useFieldErrors(signUp.error);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusOnFailure(formRef, signUp.error);
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
      <form ref={formRef} className="form" onSubmit={submit} noValidate>
        <DisplayNameField
          autoComplete="name"
          value={form.displayName}
          onChange={set('displayName')}
          error={fieldError('displayName')}
        />
        <EmailField
          autoComplete="email"
          value={form.email}
          onChange={set('email')}
          error={fieldError('email')}
        />
        <PasswordField
          fresh
          value={form.password}
          onChange={set('password')}
          error={fieldError('password')}
        />
        <StakeholderGroupSelect value={form.stakeholderGroup} onChange={set('stakeholderGroup')} />
        <RegionSelect value={form.region} onChange={set('region')} />
        <ErrorMessage
          error={signUp.error}
          marks={['displayName', 'email', 'password']}
          says={{ 409: t('errors.emailTaken') }}
        />
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
