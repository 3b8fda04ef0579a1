import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Capacity, PositionView } from '../../../../shared/schemas/positions';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { fieldAttributes, FieldMessage, useFieldErrors, useFocusOnFailure } from '../../ui/field-errors';
import { useSavePosition, useWithdrawPosition } from './api';
import { STANCES } from './stances';
import { usePositionDrafts } from './usePositionDrafts';

export interface PositionFormProps {
  roundId: string;
  optionId: string;
  optionLabel: string;
  personal: PositionView | undefined;
  organisation: PositionView | undefined;
  /** The caller is a focal point: they choose to speak in their own name or for the organisation. */
  organisationName: string | null;
  rationaleRequired: boolean;
  rationaleMaxLength: number;
}

/** The caller's stance on one option: capacity, stance (with its meaning), rationale, preferred, save. */
export function PositionForm(p: PositionFormProps) {
  const { t } = useTranslation('positions');
  const id = useId();
  const [capacity, setCapacity] = useState<Capacity>(p.organisationName ? 'organisation' : 'personal');
  const current = capacity === 'organisation' ? p.organisation : p.personal;
  const drafts = usePositionDrafts(
    { personal: p.personal, organisation: p.organisation },
    t('form.unsaved', { option: p.optionLabel }),
  );
  const { stance, rationale, preferred } = drafts.drafts[capacity];
  const [notice, setNotice] = useState<string | null>(null);
  const save = useSavePosition(p.roundId);
  const withdraw = useWithdrawPosition(p.roundId);
  // A refusal is about what was sent: it goes once the person changes the text or the capacity.
  const forget = () => {
    save.reset();
    withdraw.reset();
  };
  const edit = (change: Parameters<typeof drafts.edit>[1]) => {
    forget();
    drafts.edit(capacity, change);
  };

  const error = save.error ?? withdraw.error;
  const fieldError = useFieldErrors(error);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusOnFailure(formRef, error);
  const rationaleError = fieldError('rationale');
  const tooLong = rationale.length > p.rationaleMaxLength;
  const missing = p.rationaleRequired && !rationale.trim();

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!stance) return;
    setNotice(null);
    save.mutate(
      { optionId: p.optionId, stance, rationale, preferred: preferred && stance !== 'oppose', capacity },
      {
        onSuccess: (saved) => {
          drafts.settle(capacity, saved);
          setNotice(t('form.saved'));
        },
      },
    );
  };

  return (
    <form
      ref={formRef}
      className="position-form"
      onSubmit={submit}
      aria-label={t('form.title', { option: p.optionLabel })}
    >
      {p.organisationName && (
        <fieldset className="segmented">
          <legend>{t('form.capacity')}</legend>
          {(['organisation', 'personal'] as const).map((c) => (
            <label key={c} className={c === capacity ? 'selected' : undefined}>
              <input
                type="radio"
                name={`${id}-capacity`}
                value={c}
                checked={capacity === c}
                onChange={() => {
                  forget();
                  setCapacity(c);
                }}
              />
              {c === 'organisation'
                ? t('form.forOrganisation', { name: p.organisationName })
                : t('form.personal')}
            </label>
          ))}
        </fieldset>
      )}
      <fieldset className="stance-choices">
        <legend>{t('form.stance')}</legend>
        {STANCES.map((s) => (
          <label key={s} className={`stance-choice${stance === s ? ' selected' : ''}`}>
            <input
              type="radio"
              name={`${id}-stance`}
              value={s}
              checked={stance === s}
              onChange={() => edit({ stance: s })}
              aria-describedby={`${id}-${s}-meaning`}
            />
            <span className="stance-choice-text">
              <strong>{t(`stance.${s}`)}</strong>
              <span id={`${id}-${s}-meaning`} className="meta">
                {t(`meaning.${s}`)}
              </span>
            </span>
          </label>
        ))}
      </fieldset>
      <label className="rationale">
        <span>
          {t('form.rationale')} {p.rationaleRequired ? t('form.required') : t('form.optional')}
        </span>
        <textarea
          value={rationale}
          onChange={(e) => edit({ rationale: e.target.value })}
          rows={3}
          dir="auto"
          required={p.rationaleRequired}
          {...fieldAttributes(`${id}-rationale-error`, rationaleError, `${id}-count`, tooLong)}
        />
        <FieldMessage id={`${id}-rationale-error`} message={rationaleError} />
        <span id={`${id}-count`} className={`meta${tooLong ? ' error' : ''}`}>
          {t('form.count', { count: rationale.length, max: p.rationaleMaxLength })}
        </span>
      </label>
      <label className="preferred">
        <input
          type="checkbox"
          checked={preferred && stance !== 'oppose'}
          disabled={stance === 'oppose'}
          onChange={(e) => edit({ preferred: e.target.checked })}
        />
        {t('form.preferred')}
      </label>
      <FieldMessage id={`${id}-preferred-error`} message={fieldError('preferred')} />
      <div className="form-actions">
        <button type="submit" disabled={!stance || tooLong || missing || save.isPending}>
          {current ? t('form.update') : t('form.save')}
        </button>
        {current && (
          <button
            type="button"
            className="secondary"
            disabled={withdraw.isPending}
            onClick={() =>
              withdraw.mutate(
                { optionId: p.optionId, capacity },
                {
                  onSuccess: () => {
                    drafts.settle(capacity, undefined);
                    setNotice(t('form.withdrawn'));
                  },
                },
              )
            }
          >
            {t('form.withdraw')}
          </button>
        )}
      </div>
      {current && current.capacity === 'organisation' && (
        <p className="meta">{t('form.castBy', { name: current.castByName })}</p>
      )}
      {drafts.changedElsewhere(capacity) && (
        <p className="notice" role="note">
          {t('form.changedElsewhere')}
        </p>
      )}
      <p role="status" className="meta">
        {notice}
      </p>
      <ErrorMessage
        error={error}
        marks={['rationale', 'preferred']}
        says={{ ROUND_CLOSED: t('form.roundClosed'), 409: t('form.optionRetired') }}
      />
    </form>
  );
}
