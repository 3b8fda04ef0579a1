import { Fragment, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUnsavedChangesGuard } from '../../app/unsaved-work/useUnsavedChangesGuard';
import type { Participation, Visibility } from '../../../../shared/domain';
import {
  CONSULTATION_SETTINGS,
  type ConsultationSetting,
  type ConsultationView,
} from '../../../../shared/schemas/consultations';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { isStaleVersion, useConsultationAdmin } from './api';

type Flags = 'hideTalliesUntilClose' | 'rationaleRequired' | 'chairsMayTakePositions';
const FLAGS: Flags[] = ['hideTalliesUntilClose', 'rationaleRequired', 'chairsMayTakePositions'];

/** Every setting the server takes (a setting the view does not show fails to compile). */
const settingsOf = (c: ConsultationView) =>
  Object.fromEntries(CONSULTATION_SETTINGS.map((k) => [k, c[k]])) as Pick<
    ConsultationView,
    ConsultationSetting
  >;
type Settings = ReturnType<typeof settingsOf>;

/** What the person changed, and the version of the consultation they began changing. */
interface Draft {
  from: number;
  values: Partial<Settings>;
}

/** The draft's values that differ from what is saved now: what a save sends, and what leaving would lose. */
const changesFrom = (saved: Settings, draft: Draft | null): Partial<Settings> =>
  Object.fromEntries(
    Object.entries(draft?.values ?? {}).filter(([k, v]) => v !== saved[k as ConsultationSetting]),
  );

/**
 * Edits a consultation's settings; chairs are listed here and granted through the roles page.
 *
 * The form holds only the person's changes: every other field shows what is saved now, live. A save sends
 * those changes alone, with the version of the settings on screen. When someone else saves meanwhile (heard
 * live, or answered 409 by the server for a save that went out first), the form says so, keeps the person's
 * edits in their fields with the value saved now beside each, and saving again applies them over what is
 * now shown; or the person discards them.
 */
export function SettingsForm({ consultation: c }: { consultation: ConsultationView }) {
  const { t } = useTranslation('console');
  const { update } = useConsultationAdmin(c.id);
  const saved = settingsOf(c);
  const [draft, setDraft] = useState<Draft | null>(null);
  const changes = changesFrom(saved, draft);
  const dirty = Object.keys(changes).length > 0;
  // Someone else saved since the person began: heard live, or from the server's 409 until the refetch lands.
  const savedSince = dirty && draft!.from !== c.version;
  const changedMeanwhile = savedSince || (dirty && isStaleVersion(update.error));
  const form = { ...saved, ...changes };
  useUnsavedChangesGuard(dirty ? t('settings.unsaved') : null);

  // A change begun on clean settings starts from the version on screen; later ones keep where it began.
  const set = (patch: Partial<Settings>) =>
    setDraft((d) => {
      const kept = changesFrom(saved, d);
      return { from: d && Object.keys(kept).length ? d.from : c.version, values: { ...kept, ...patch } };
    });
  /** The value saved now beside a field the person changed, once someone else has saved meanwhile. */
  const showsSavedNow = (key: ConsultationSetting) => savedSince && key in changes;
  const savedNow = (key: ConsultationSetting, shown: ReactNode = saved[key] as ReactNode): ReactNode =>
    showsSavedNow(key) ? (
      <p id={`setting-${key}-now`} className="meta saved-now" dir="auto">
        {t('settings.savedNow', { value: shown === '' ? t('settings.empty') : shown })}
      </p>
    ) : null;
  const describedBy = (key: ConsultationSetting) => (showsSavedNow(key) ? `setting-${key}-now` : undefined);

  return (
    <form
      className="form console-form"
      aria-labelledby="settings-title"
      onSubmit={(e) => {
        e.preventDefault();
        if (!dirty) return;
        update.mutate({ ...changes, version: c.version }, { onSuccess: () => setDraft(null) });
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
          aria-describedby={describedBy('title')}
          dir="auto"
        />
      </label>
      {savedNow('title')}
      <label>
        {t('fields.question')}
        <textarea
          required
          rows={2}
          value={form.question}
          onChange={(e) => set({ question: e.target.value })}
          aria-describedby={describedBy('question')}
          dir="auto"
        />
      </label>
      {savedNow('question')}
      <label>
        {t('fields.description')}
        <textarea
          rows={3}
          value={form.description}
          onChange={(e) => set({ description: e.target.value })}
          aria-describedby={describedBy('description')}
          dir="auto"
        />
      </label>
      {savedNow('description')}
      <label>
        {t('fields.visibility')}
        <select
          className="field"
          value={form.visibility}
          onChange={(e) => set({ visibility: e.target.value as Visibility })}
          aria-describedby={describedBy('visibility')}
        >
          <option value="public">{t('visibility.public')}</option>
          <option value="restricted">{t('visibility.restricted')}</option>
        </select>
      </label>
      {savedNow('visibility', t(`visibility.${saved.visibility}`))}
      <label>
        {t('fields.participation')}
        <select
          className="field"
          value={form.participation}
          onChange={(e) => set({ participation: e.target.value as Participation })}
          aria-describedby={describedBy('participation')}
        >
          <option value="all_stakeholders">{t('participation.all_stakeholders')}</option>
          <option value="members_only">{t('participation.members_only')}</option>
        </select>
      </label>
      {savedNow('participation', t(`participation.${saved.participation}`))}
      {FLAGS.map((flag) => (
        <Fragment key={flag}>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={form[flag]}
              onChange={(e) => set({ [flag]: e.target.checked })}
              aria-describedby={describedBy(flag)}
            />
            {t(`fields.${flag}`)}
          </label>
          {savedNow(flag, t(saved[flag] ? 'settings.on' : 'settings.off'))}
        </Fragment>
      ))}
      <p className="meta">
        {t('settings.chairs')}:{' '}
        {c.chairs.length ? c.chairs.map((ch) => ch.displayName).join(', ') : t('settings.noChairs')}
      </p>
      {changedMeanwhile ? (
        <div role="alert" className="notice settings-conflict">
          <p>{t('settings.changedMeanwhile')}</p>
          <p>{t('settings.changedMeanwhileHelp')}</p>
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setDraft(null);
              update.reset();
            }}
          >
            {t('settings.discard')}
          </button>
        </div>
      ) : (
        <ErrorMessage error={update.error} />
      )}
      {update.isSuccess && !dirty && <p role="status">{t('settings.saved')}</p>}
      <button type="submit" disabled={update.isPending || !dirty}>
        {t('settings.save')}
      </button>
    </form>
  );
}
