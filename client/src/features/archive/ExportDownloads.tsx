import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EXPORT_ITEMS_HEADER } from '../../../../shared/schemas/summaries';

/**
 * Downloads an export while showing progress: the server streams one item per line and announces how many
 * (X-Export-Items), so counting line ends as bytes arrive gives the share done.
 */
async function download(url: string, filename: string, onProgress: (done: number, total: number) => void) {
  const res = await fetch(url, { credentials: 'same-origin' });
  if (!res.ok || !res.body) throw new Error(`${res.status} ${res.statusText}`);
  const total = Number(res.headers.get(EXPORT_ITEMS_HEADER)) || 0;
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let lines = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    for (const byte of value) if (byte === 10) lines++;
    onProgress(Math.min(lines, total), total);
  }
  const blobUrl = URL.createObjectURL(
    new Blob(chunks as BlobPart[], { type: res.headers.get('content-type') ?? '' }),
  );
  const a = document.createElement('a');
  a.href = blobUrl;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(blobUrl), 10_000);
}

export function ExportDownloads({
  roundId,
  number,
  version,
}: {
  roundId: string;
  number: number;
  version: number | null;
}) {
  const { t } = useTranslation('archive');
  const [progress, setProgress] = useState<{ name: string; done: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = (name: string, path: string, filename: string) => async () => {
    setError(null);
    setProgress({ name, done: 0, total: 0 });
    try {
      await download(`/api/rounds/${roundId}/${path}`, filename, (done, total) =>
        setProgress({ name, done, total }),
      );
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setProgress(null);
    }
  };
  const base = `round-${number}`;
  return (
    <section aria-labelledby="exports-title" className="exports no-print">
      <h2 id="exports-title">{t('exports.title')}</h2>
      <ul className="row">
        <li>
          <button
            type="button"
            className="secondary"
            onClick={run('json', 'export.json', `${base}.json`)}
            disabled={!!progress}
          >
            {t('exports.json')}
          </button>
        </li>
        <li>
          <button
            type="button"
            className="secondary"
            onClick={run('comments', 'comments.csv', `${base}-comments.csv`)}
            disabled={!!progress}
          >
            {t('exports.comments')}
          </button>
        </li>
        <li>
          <a href={`/api/rounds/${roundId}/positions.csv`} className="button secondary" download>
            {t('exports.positions')}
          </a>
        </li>
        {version !== null && (
          <>
            <li>
              <a
                href={`/api/rounds/${roundId}/summary/versions/${version}.md`}
                className="button secondary"
                download
              >
                {t('exports.markdown')}
              </a>
            </li>
            <li>
              <a
                href={`/api/rounds/${roundId}/summary/versions/${version}.html`}
                className="button secondary"
                download
              >
                {t('exports.html')}
              </a>
            </li>
            <li>
              <button type="button" onClick={() => window.print()}>
                {t('exports.print')}
              </button>
            </li>
          </>
        )}
      </ul>
      {progress && (
        <p role="status">
          <label>
            {t('exports.progress', { name: t(`exports.${progress.name}`) })}{' '}
            <progress max={progress.total || undefined} value={progress.total ? progress.done : undefined} />
          </label>{' '}
          {progress.total > 0 && t('exports.items', { done: progress.done, count: progress.total })}
        </p>
      )}
      {error && <p role="alert">{error}</p>}
    </section>
  );
}
