import { once } from 'node:events';
import type { Response } from 'express';

/**
 * Writes an export as it is produced, waiting for the socket to drain (backpressure), so memory holds one
 * batch at a time however large the round.
 */
export class StreamWriter {
  constructor(private readonly res: Response) {}

  async write(chunk: string): Promise<void> {
    if (chunk && !this.res.write(chunk)) await once(this.res, 'drain');
  }

  /** Sends headers for a download; `items` lets the client show progress (one item per line). */
  static start(res: Response, contentType: string, filename: string, items: number): StreamWriter {
    res.status(200);
    res.setHeader('Content-Type', contentType);
    res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Export-Items', String(items));
    res.setHeader('Access-Control-Expose-Headers', 'X-Export-Items');
    return new StreamWriter(res);
  }

  /** Runs the export; after headers are sent, a failure can only cut the connection (never a "complete" file). */
  static async run(res: Response, body: () => Promise<void>): Promise<void> {
    try {
      await body();
      res.end();
    } catch (err) {
      res.destroy(err as Error);
    }
  }
}
