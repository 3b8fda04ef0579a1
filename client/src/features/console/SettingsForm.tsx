import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUnsavedChangesGuard } from '../../app/unsaved-work/useUnsavedChangesGuard';
import type { Participation, Visibility } from '../../../../shared/domain';
import {
  CONSULTATION_SETTINGS,
  type ConsultationSetting,
  type ConsultationView,
} from '../../../../shared/schemas/consultations';
import { useConsultationAdmin } from './api';

type Flags = 'hideTalliesUntilClose' | 'rationaleRequired' | 'chairsMayTakePositions';
const FLAGS: Flags[] = ['hideTalliesUntilClose', 'rationaleRequired', 'chairsMayTakePositions'];

/** Every setting the server takes (a setting the view does not show fails to compile). */
const settingsOf = (c: ConsultationView) =>
  Object.fromEntries(CONSULTATION_SETTINGS.map((k) => [k, c[k]])) as Pick<
    ConsultationView,
    ConsultationSetting
  >;
type Settings = ReturnType<typeof settingsOf>;

/**
 * Edits a consultation's settings (changed and not saved, leaving asks first); chairs are listed here and
 * granted through the roles page.
 */
export function SettingsForm({ consultation: c }: { consultation: ConsultationView }) {
  const { t } = useTranslation('console');
  const { update } = useConsultationAdmin(c.id);
  const [saved, setSaved] = useState(() => settingsOf(c));
  const [form, setForm] = useState(saved);
  const changed = (Object.keys(form) as (keyof Settings)[]).some((k) => form[k] !== saved[k]);
  useUnsavedChangesGuard(changed ? t('settings.unsaved') : null);
  const set = (patch: Partial<typeof form>) => setForm((f) => ({ ...f, ...patch }));
  return (
    <form
      className="form console-form"
      aria-labelledby="settings-title"
      onSubmit={(e) => {
        e.preventDefault();
        update.mutate(form, { onSuccess: () => setSaved(form) });
      }}
    >
      <h2 id="settings-title">{t('settings.title')}</h2>
      <label>
        {t('fields.title')}
        <input
          type="text"
          required
          value={form.title}
          onChange={(e) => set({ title: e.target.value })}
          dir="auto"
        />
      </label>
      <label>
        {t('fields.question')}
        <textarea
          required
          rows={2}
          value={form.question}
          onChange={(e) => set({ question: e.target.value })}
          dir="auto"
        />
      </label>
      <label>
        {t('fields.description')}
        <textarea
          rows={3}
          value={form.description}
          onChange={(e) => set({ description: e.target.value })}
          dir="auto"
        />
      </label>
      <label>
        {t('fields.visibility')}
        <select
          className="field"
          value={form.visibility}
          onChange={(e) => set({ visibility: e.target.value as Visibility })}
        >
          <option value="public">{t('visibility.public')}</option>
          <option value="restricted">{t('visibility.restricted')}</option>
        </select>
      </label>
      <label>
        {t('fields.participation')}
        <select
          className="field"
          value={form.participation}
          onChange={(e) => set({ participation: e.target.value as Participation })}
        >
          <option value="all_stakeholders">{t('participation.all_stakeholders')}</option>
          <option value="members_only">{t('participation.members_only')}</option>
        </select>
      </label>
      {FLAGS.map((flag) => (
        <label key={flag} className="checkbox">
          <input type="checkbox" checked={form[flag]} onChange={(e) => set({ [flag]: e.target.checked })} />
          {t(`fields.${flag}`)}
        </label>
      ))}
      <p className="meta">
        {t('settings.chairs')}:{' '}
        {c.chairs.length ? c.chairs.map((ch) => ch.displayName).join(', ') : t('settings.noChairs')}
      </p>
      {update.error && (
        <p className="error" role="alert">
          {update.error.message}
        </p>
      )}
      {update.isSuccess && <p role="status">{t('settings.saved')}</p>}
      <button type="submit" disabled={update.isPending}>
        {t('settings.save')}
      </button>
    </form>
  );
}
