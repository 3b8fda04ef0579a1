import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CitationKind } from '../../../../shared/schemas/summaries';
import { useCitation } from '../summaries/api';

/** What a citation points at, as readers may see it now (a hidden comment cites as hidden). */
export function CitationPopover({
  kind,
  id,
  onClose,
}: {
  kind: CitationKind;
  id: string;
  onClose: () => void;
}) {
  const { t } = useTranslation('archive');
  const { data, error } = useCitation(kind, id);
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), []);
  return (
    <div
      className="citation-popover no-print"
      role="dialog"
      aria-labelledby="citation-popover-title"
      onKeyDown={(e) => e.key === 'Escape' && onClose()}
    >
      <h3 id="citation-popover-title">{t(`citation.${kind}`)}</h3>
      {error && <p role="alert">{(error as Error).message}</p>}
      {data && data.state !== 'visible' && <p>{t(`citation.state.${data.state}`)}</p>}
      {data && data.state === 'visible' && (
        <>
          <blockquote dir="auto" className="citation-quote">
            {data.quote || t('citation.noText')}
          </blockquote>
          <p className="citation-source">
            {data.author}
            {data.organisation && <>, {data.organisation}</>}
            {data.stakeholderGroup && <> ({t(`positions:group.${data.stakeholderGroup}`)})</>}
            {data.stance && (
              <>
                {' '}
                · {t(`positions:stance.${data.stance}`)} — <span dir="auto">{data.optionLabel}</span>
              </>
            )}
          </p>
        </>
      )}
      <button type="button" ref={close} onClick={onClose}>
        {t('citation.close')}
      </button>
    </div>
  );
}
