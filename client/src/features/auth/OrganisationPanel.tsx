import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeView } from '../../../../shared/schemas/auth';
import type { ProposeOrganisationInput } from '../../../../shared/schemas/identity';
import { useJoinOrganisation, useLeaveOrganisation, useOrganisations, useProposeOrganisation } from './api';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useFieldErrors, useFocusOnFailure } from '../../ui/field-errors';
import { useUnsavedChangesGuard } from '../../app/unsaved-work/useUnsavedChangesGuard';
import { OrganisationMembers } from './OrganisationMembers';
import { TextField } from '../../ui/TextField';
import { CountryField } from './ProfileFields';
import { VocabularySelect } from './vocabulary';

function ProposeForm() {
  const { t } = useTranslation('auth');
  const propose = useProposeOrganisation();
  const empty = { name: '', stakeholderGroup: '', membership: '', country: '', region: '' };
  const [form, setForm] = useState(empty);
  const set = (k: keyof typeof form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));
  // What was typed, as for a new consultation: a choice in a list alone is quickly made again.
  const typed = form.name.trim() !== '' || form.country.trim() !== '';
  useUnsavedChangesGuard(typed ? t('organisation.unsaved') : null);
  const fieldError = useFieldErrors(propose.error);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusOnFailure(formRef, propose.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    propose.mutate({ ...form, country: form.country.trim().toUpperCase() } as ProposeOrganisationInput, {
      onSuccess: () => setForm(empty),
    });
  };
  return (
    <form ref={formRef} className="form" onSubmit={submit} aria-labelledby="propose-title" noValidate>
      <h3 id="propose-title">{t('organisation.proposeTitle')}</h3>
      <p className="meta">{t('organisation.proposeLead')}</p>
      <TextField
        label={t('organisation.name')}
        required
        maxLength={200}
        value={form.name}
        onChange={set('name')}
        error={fieldError('name')}
      />
      <VocabularySelect
        kind="group"
        optional={false}
        label={t('fields.stakeholderGroup')}
        value={form.stakeholderGroup}
        onChange={set('stakeholderGroup')}
      />
      <VocabularySelect
        kind="membership"
        optional={false}
        label={t('fields.membership')}
        value={form.membership}
        onChange={set('membership')}
      />
      <CountryField required value={form.country} onChange={set('country')} error={fieldError('country')} />
      <VocabularySelect
        kind="region"
        optional={false}
        label={t('fields.region')}
        value={form.region}
        onChange={set('region')}
      />
      <ErrorMessage error={propose.error} marks={['name', 'country']} />
      <div>
        <button type="submit" disabled={propose.isPending}>
          {t('organisation.propose')}
        </button>
      </div>
    </form>
  );
}

/** The organisation one speaks for (or the personal capacity), joining one, leaving it, proposing a new one. */
export function OrganisationPanel({ me }: { me: MeView }) {
  const { t } = useTranslation('auth');
  const { data: organisations } = useOrganisations();
  const join = useJoinOrganisation();
  const leave = useLeaveOrganisation();
  const [choice, setChoice] = useState('');
  const joinForm = useRef<HTMLFormElement>(null);
  useFocusOnFailure(joinForm, join.error);
  const org = me.organisation;
  const standing = !org
    ? null
    : me.isFocalPoint
      ? org.verified
        ? t('organisation.focalPoint')
        : t('organisation.focalPointPending')
      : t('organisation.member');
  return (
    <section aria-labelledby="organisation-title" className="organisation-panel">
      <h2 id="organisation-title">{t('organisation.title')}</h2>
      {org ? (
        <div className="card">
          <div className="card-head">
            <strong dir="auto">{org.name}</strong>
            <span className={`badge ${org.verified ? 'badge-open' : 'badge-upcoming'}`}>
              {org.verified ? t('organisation.verified') : t('organisation.unverified')}
            </span>
          </div>
          <p className="meta">
            {t(`positions:group.${org.stakeholderGroup}`)} · {t(`positions:membership.${org.membership}`)} ·{' '}
            {org.country} · {t(`positions:region.${org.region}`)}
          </p>
          <p>
            {standing}
            {me.isOrgAdmin && ` · ${t('organisation.orgAdmin')}`}
          </p>
          <button
            type="button"
            className="secondary"
            disabled={leave.isPending}
            onClick={() => leave.mutate({ id: org.id, userId: me.id })}
          >
            {t('organisation.leave')}
          </button>
          <ErrorMessage error={leave.error} />
          {me.isOrgAdmin && <OrganisationMembers organisationId={org.id} selfId={me.id} />}
        </div>
      ) : (
        <p>{t('organisation.none')}</p>
      )}
      <form
        ref={joinForm}
        className="form"
        aria-labelledby="join-title"
        onSubmit={(e) => {
          e.preventDefault();
          if (choice) join.mutate(choice);
        }}
      >
        <h3 id="join-title">{t('organisation.joinTitle')}</h3>
        <label>
          {t('organisation.pick')}
          <select className="field" value={choice} onChange={(e) => setChoice(e.target.value)}>
            <option value="">{t('fields.choose')}</option>
            {organisations
              ?.filter((o) => o.id !== org?.id)
              .map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                  {o.verified ? '' : ` (${t('organisation.unverified')})`}
                </option>
              ))}
          </select>
        </label>
        <ErrorMessage error={join.error} />
        <div>
          <button type="submit" disabled={!choice || join.isPending}>
            {t('organisation.join')}
          </button>
        </div>
      </form>
      <ProposeForm />
    </section>
  );
}
