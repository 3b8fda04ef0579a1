import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../ui/ConfirmDialog';

/** The confirmation before closing a round, saying what closing means. */
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
  return (
    <ConfirmDialog
      open={open}
      title={t('close.title', { number })}
      cancelLabel={t('close.cancel')}
      confirmLabel={t('close.confirm', { number })}
      pending={pending}
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
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
    </ConfirmDialog>
  );
}
