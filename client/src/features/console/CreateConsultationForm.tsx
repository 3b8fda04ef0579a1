import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useUnsavedChangesGuard } from '../../app/unsaved-work/useUnsavedChangesGuard';
import type { Participation, Visibility } from '../../../../shared/domain';
import { useCreateConsultation } from './api';

interface DraftOption {
  key: number;
  label: string;
  description: string;
}

let nextKey = 1;
const emptyOption = (): DraftOption => ({ key: nextKey++, label: '', description: '' });

/** A new consultation: the question, who may read and take part, and its first options. */
export function CreateConsultationForm() {
  const { t } = useTranslation('console');
  const navigate = useNavigate();
  const create = useCreateConsultation();
  const [title, setTitle] = useState('');
  const [question, setQuestion] = useState('');
  const [description, setDescription] = useState('');
  const [visibility, setVisibility] = useState<Visibility>('public');
  const [participation, setParticipation] = useState<Participation>('all_stakeholders');
  const [options, setOptions] = useState<DraftOption[]>([emptyOption(), emptyOption()]);
  const setOption = (key: number, patch: Partial<DraftOption>) =>
    setOptions((os) => os.map((o) => (o.key === key ? { ...o, ...patch } : o)));
  const typed = [title, question, description, ...options.flatMap((o) => [o.label, o.description])].some(
    (text) => text.trim() !== '',
  );
  const unsaved = useUnsavedChangesGuard(typed ? t('create.unsaved') : null);

  return (
    <form
      className="form console-form"
      aria-labelledby="create-title"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate(
          {
            title,
            question,
            description,
            visibility,
            participation,
            options: options
              .filter((o) => o.label.trim())
              .map((o) => ({ label: o.label, description: o.description })),
          },
          {
            onSuccess: (c) => {
              // Created: the way to its page is not leaving anything behind.
              unsaved.forget();
              navigate(`/console/consultations/${c.id}`);
            },
          },
        );
      }}
    >
      <h2 id="create-title">{t('create.title')}</h2>
      <label>
        {t('fields.title')}
        <input type="text" required value={title} onChange={(e) => setTitle(e.target.value)} dir="auto" />
      </label>
      <label>
        {t('fields.question')}
        <textarea
          required
          rows={2}
          value={question}
          onChange={(e) => setQuestion(e.target.value)}
          dir="auto"
        />
      </label>
      <label>
        {t('fields.description')}
        <textarea rows={3} value={description} onChange={(e) => setDescription(e.target.value)} dir="auto" />
      </label>
      <label>
        {t('fields.visibility')}
        <select
          className="field"
          value={visibility}
          onChange={(e) => setVisibility(e.target.value as Visibility)}
        >
          <option value="public">{t('visibility.public')}</option>
          <option value="restricted">{t('visibility.restricted')}</option>
        </select>
      </label>
      <label>
        {t('fields.participation')}
        <select
          className="field"
          value={participation}
          onChange={(e) => setParticipation(e.target.value as Participation)}
        >
          <option value="all_stakeholders">{t('participation.all_stakeholders')}</option>
          <option value="members_only">{t('participation.members_only')}</option>
        </select>
      </label>
      <fieldset className="option-drafts">
        <legend>{t('options.title')}</legend>
        {options.map((o, i) => (
          <div key={o.key} className="option-draft">
            <label>
              {t('options.label', { number: i + 1 })}
              <input
                type="text"
                value={o.label}
                onChange={(e) => setOption(o.key, { label: e.target.value })}
                dir="auto"
              />
            </label>
            <label>
              {t('options.description', { number: i + 1 })}
              <input
                type="text"
                value={o.description}
                onChange={(e) => setOption(o.key, { description: e.target.value })}
                dir="auto"
              />
            </label>
          </div>
        ))}
        <button
          type="button"
          className="secondary"
          onClick={() => setOptions((os) => [...os, emptyOption()])}
        >
          {t('options.addAnother')}
        </button>
      </fieldset>
      {create.error && (
        <p className="error" role="alert">
          {create.error.message}
        </p>
      )}
      <button type="submit" disabled={create.isPending}>
        {t('create.submit')}
      </button>
    </form>
  );
}
