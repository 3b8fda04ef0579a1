import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUnsavedChangesGuard } from '../../app/unsaved-work/useUnsavedChangesGuard';
import type { ConsultationView, OptionView } from '../../../../shared/schemas/consultations';
import { useConsultationAdmin } from './api';

function OptionRow({
  option,
  index,
  count,
  locked,
  onMove,
  admin,
}: {
  option: OptionView;
  index: number;
  count: number;
  locked: boolean;
  onMove: (from: number, to: number) => void;
  admin: ReturnType<typeof useConsultationAdmin>;
}) {
  const { t } = useTranslation('console');
  const [editing, setEditing] = useState(false);
  const [label, setLabel] = useState(option.label);
  const [description, setDescription] = useState(option.description);
  const changed = editing && (label !== option.label || description !== option.description);
  useUnsavedChangesGuard(changed ? t('options.unsavedEdit', { label: option.label }) : null);
  return (
    <li className={`option-row${option.retired ? ' retired' : ''}`}>
      {editing ? (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            admin.updateOption.mutate(
              { optionId: option.id, label, description },
              { onSuccess: () => setEditing(false) },
            );
          }}
        >
          <label>
            {t('options.labelField')}
            <input type="text" value={label} onChange={(e) => setLabel(e.target.value)} required dir="auto" />
          </label>
          <label>
            {t('options.descriptionField')}
            <input
              type="text"
              value={description}
              onChange={(e) => setDescription(e.target.value)}
              dir="auto"
            />
          </label>
          <button type="submit">{t('options.save')}</button>
          <button type="button" className="secondary" onClick={() => setEditing(false)}>
            {t('options.cancel')}
          </button>
        </form>
      ) : (
        <div className="option-text">
          <strong dir="auto">{option.label}</strong>
          {option.retired && <span className="badge">{t('options.retired')}</span>}
          {option.description && <p dir="auto">{option.description}</p>}
        </div>
      )}
      <div
        className="option-actions"
        role="group"
        aria-label={t('options.actionsFor', { label: option.label })}
      >
        <button
          type="button"
          className="secondary"
          disabled={locked || index === 0}
          onClick={() => onMove(index, index - 1)}
          aria-label={t('options.moveUp', { label: option.label })}
        >
          ↑
        </button>
        <button
          type="button"
          className="secondary"
          disabled={locked || index === count - 1}
          onClick={() => onMove(index, index + 1)}
          aria-label={t('options.moveDown', { label: option.label })}
        >
          ↓
        </button>
        <button
          type="button"
          className="secondary"
          disabled={locked || editing}
          onClick={() => setEditing(true)}
        >
          {t('options.edit')}
        </button>
        <button
          type="button"
          className="secondary"
          disabled={locked}
          onClick={() => admin.updateOption.mutate({ optionId: option.id, retired: !option.retired })}
        >
          {option.retired ? t('options.restore') : t('options.retire')}
        </button>
      </div>
    </li>
  );
}

/** Options, editable only while no round is open (the server says so too, with a 409). */
export function OptionsEditor({ consultation: c }: { consultation: ConsultationView }) {
  const { t } = useTranslation('console');
  const admin = useConsultationAdmin(c.id);
  const [label, setLabel] = useState('');
  const [description, setDescription] = useState('');
  useUnsavedChangesGuard(label.trim() || description.trim() ? t('options.unsavedNew') : null);
  const locked = c.rounds.some((r) => r.status === 'open');
  const move = (from: number, to: number) => {
    const ids = c.options.map((o) => o.id);
    const [moved] = ids.splice(from, 1);
    ids.splice(to, 0, moved);
    admin.reorder.mutate(ids);
  };
  const error = [admin.addOption, admin.updateOption, admin.reorder].find((m) => m.error)?.error;
  return (
    <section aria-labelledby="options-editor-title">
      <h2 id="options-editor-title">{t('options.title')}</h2>
      {locked && <p className="meta">{t('options.locked')}</p>}
      {c.options.length === 0 && <p className="meta">{t('options.none')}</p>}
      <ol className="option-editor">
        {c.options.map((o, i) => (
          <OptionRow
            key={`${o.id}-${o.label}-${o.description}`}
            option={o}
            index={i}
            count={c.options.length}
            locked={locked}
            onMove={move}
            admin={admin}
          />
        ))}
      </ol>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          admin.addOption.mutate(
            { label, description },
            {
              onSuccess: () => {
                setLabel('');
                setDescription('');
              },
            },
          );
        }}
      >
        <label>
          {t('options.newLabel')}
          <input
            type="text"
            value={label}
            onChange={(e) => setLabel(e.target.value)}
            required
            disabled={locked}
            dir="auto"
          />
        </label>
        <label>
          {t('options.newDescription')}
          <input
            type="text"
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            disabled={locked}
            dir="auto"
          />
        </label>
        <button type="submit" disabled={locked || admin.addOption.isPending}>
          {t('options.add')}
        </button>
      </form>
      {error && (
        <p className="error" role="alert">
          {error.message}
        </p>
      )}
    </section>
  );
}
