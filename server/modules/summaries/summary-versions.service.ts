import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { SummaryVersionMeta, SummaryVersionView } from '../../../shared/schemas/summaries.js';
import { notFound } from '../../common/errors.js';
import { escapeHtml } from './render/escape.js';
import { SummaryVersion } from './summary-version.entity.js';
import { toVersionMeta, toVersionView } from './summary-version.view.js';

/** Reading published versions: they are rows that never change. */
@Injectable()
export class SummaryVersionsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(roundId: string): Promise<SummaryVersionMeta[]> {
    const rows = await this.db.getRepository(SummaryVersion).find({
      where: { roundId },
      order: { number: 'ASC' },
      select: {
        id: true,
        roundId: true,
        consultationId: true,
        number: true,
        changeNote: true,
        publishedAt: true,
        publishedByName: true,
        sha256: true,
      },
    });
    return rows.map(toVersionMeta);
  }

  async get(roundId: string, number: number): Promise<SummaryVersionView> {
    const row = await this.db.getRepository(SummaryVersion).findOneBy({ roundId, number });
    if (!row) throw notFound(`Version ${number} of this summary`);
    return toVersionView(row);
  }

  /** The version as a document of its own, with the print rules inline (it opens offline, prints cleanly). */
  standaloneHtml(v: SummaryVersionView): string {
    return `<!doctype html>
<html><head><meta charset="utf-8"><title>Summary, version ${v.number}</title>
<meta name="consulta-sha256" content="${escapeHtml(v.sha256)}">
<style>body{font:16px/1.5 system-ui,"Noto Sans","Noto Sans Arabic","Noto Sans CJK SC",sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem}
blockquote{border-inline-start:3px solid #999;margin:0;padding-inline-start:1rem;color:#333}
.citation{text-decoration:none;vertical-align:super;font-size:.8em}table{border-collapse:collapse}td,th{border:1px solid #999;padding:.25rem .5rem}
footer{margin-top:2rem;font-size:.8em;color:#555;word-break:break-all}</style></head>
<body dir="auto"><main>${v.html}</main>
<footer>Version ${v.number}, published ${escapeHtml(v.publishedAt)}${v.changeNote ? ` — ${escapeHtml(v.changeNote)}` : ''}. SHA-256 ${escapeHtml(v.sha256)}</footer>
</body></html>`;
  }
}
