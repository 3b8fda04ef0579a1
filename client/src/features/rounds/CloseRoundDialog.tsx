import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The confirmation before closing a round, saying what closing means. A native modal <dialog> keeps focus
 * inside and closes on Escape.
 */
export function CloseRoundDialog({
  number,
  open,
  pending,
  onConfirm,
  onCancel,
}: {
  number: number;
  open: boolean;
  pending: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('rounds');
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby="close-round-title"
      aria-describedby="close-round-what"
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <h2 id="close-round-title">{t('close.title', { number })}</h2>
      <div id="close-round-what">
        <p>{t('close.lead')}</p>
        <ul>
          <li>{t('close.draft')}</li>
          <li>{t('close.threads')}</li>
          <li>{t('close.positions')}</li>
          <li>{t('close.record')}</li>
        </ul>
        <p>
          <strong>{t('close.final')}</strong>
        </p>
      </div>
      <div className="dialog-actions">
        <button type="button" className="secondary" onClick={onCancel} autoFocus>
          {t('close.cancel')}
        </button>
        <button type="button" className="danger" onClick={onConfirm} disabled={pending}>
          {t('close.confirm', { number })}
        </button>
      </div>
    </dialog>
  );
}
