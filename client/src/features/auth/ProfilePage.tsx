import { type FormEvent, useRef, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { MeView, ProfileInput } from '../../../../shared/schemas/auth';
import { useUpdateProfile } from './api';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useFieldErrors, useFocusOnFailure } from '../../ui/field-errors';
import { OrganisationPanel } from './OrganisationPanel';
import { CountryField, DisplayNameField, RegionSelect, StakeholderGroupSelect } from './ProfileFields';
import { useMe } from './useMe';
import { VocabularySelect } from './vocabulary';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { useUnsavedChangesGuard } from '../../app/unsaved-work/useUnsavedChangesGuard';
import { SignInLink } from './SignInLink';

const orNull = (v: string) => (v === '' ? null : v);

function ProfileForm({ me }: { me: MeView }) {
  const { t } = useTranslation('auth');
  const update = useUpdateProfile();
  const initial = () => ({
    displayName: me.displayName,
    stakeholderGroup: me.stakeholderGroup ?? '',
    membership: me.membership ?? '',
    country: me.country ?? '',
    region: me.region ?? '',
  });
  // Starts from the stored profile; saving writes the answer back into `me`, so the two stay equal.
  const [form, setForm] = useState(initial);
  const set = (k: keyof typeof form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));
  const stored = initial();
  const changed = (Object.keys(form) as (keyof typeof form)[]).some((k) => form[k] !== stored[k]);
  useUnsavedChangesGuard(changed ? t('profile.unsaved') : null);
  const fieldError = useFieldErrors(update.error);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusOnFailure(formRef, update.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    update.mutate({
      displayName: form.displayName,
      stakeholderGroup: orNull(form.stakeholderGroup),
      membership: orNull(form.membership),
      country: orNull(form.country.trim().toUpperCase()),
      region: orNull(form.region),
    } as ProfileInput);
  };
  return (
    <form ref={formRef} className="form" onSubmit={submit} aria-labelledby="profile-details" noValidate>
      <h2 id="profile-details">{t('profile.details')}</h2>
      <p className="meta">
        <Trans t={t} i18nKey="profile.email" values={{ email: me.email }} components={{ bdi: <bdi /> }} />
      </p>
      <DisplayNameField
        value={form.displayName}
        onChange={set('displayName')}
        error={fieldError('displayName')}
      />
      <p className="meta">{t('profile.personalCapacity')}</p>
      <StakeholderGroupSelect value={form.stakeholderGroup} onChange={set('stakeholderGroup')} />
      <VocabularySelect
        kind="membership"
        label={t('fields.membership')}
        value={form.membership}
        onChange={set('membership')}
      />
      <CountryField value={form.country} onChange={set('country')} error={fieldError('country')} />
      <RegionSelect value={form.region} onChange={set('region')} />
      <ErrorMessage error={update.error} marks={['displayName', 'country']} />
      {update.isSuccess && (
        <p role="status" className="ok">
          {t('profile.saved')}
        </p>
      )}
      <div>
        <button type="submit" disabled={update.isPending}>
          {t('profile.save')}
        </button>
      </div>
    </form>
  );
}

export function ProfilePage() {
  const { t } = useTranslation('auth');
  const { data: me, isLoading } = useMe();
  useDocumentTitle(t('profile.title'));
  if (isLoading) return <p role="status">{t('common:loading')}</p>;
  if (!me) {
    return (
      <section>
        <h1>{t('profile.title')}</h1>
        <p>
          <SignInLink>{t('profile.signInFirst')}</SignInLink>
        </p>
      </section>
    );
  }
  return (
    <section aria-labelledby="profile-title" className="profile-page">
      <h1 id="profile-title">{t('profile.title')}</h1>
      <div className="profile-grid">
        <ProfileForm me={me} />
        <OrganisationPanel me={me} />
      </div>
    </section>
  );
}
