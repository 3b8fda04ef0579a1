import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draftDocName } from '../shared/domain.js';
import { CollabDocuments } from '../server/modules/collaboration/collab-documents.service.js';
import { plainTextOf } from '../server/modules/collaboration/draft-content.js';
import { Round } from '../server/modules/rounds/round.entity.js';
import { connectEditor, synced } from './helpers/collab.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

// Its own file: the environment (SEED_DEMO) is read once per test process, when the app module loads.
let demo: TestApp;
beforeAll(async () => {
  demo = await createTestApp({ env: { SEED_DEMO: 'true' } });
});
afterAll(() => demo?.close());

describe('the demo draft', () => {
  it('is written into the Yjs document through the editor schema, and an anonymous reader receives it', async () => {
    const round = await demo.db.getRepository(Round).findOneByOrFail({ number: 1 });
    const doc = await demo.app.get(CollabDocuments).read(draftDocName(round.id));
    const text = plainTextOf(doc);
    expect(text).toContain(
      'Proposal for a dedicated group on international Internet-related public policy issues',
    );
    expect(text).toContain('Coherence: one group would bring together');
    expect(doc.getXmlFragment('default').toString()).toContain('<heading level="1">');

    const reader = connectEditor(demo.url, draftDocName(round.id));
    try {
      await synced(reader);
      expect(reader.doc.getXmlFragment('default').toString()).toContain('Resolution 102 and Resolution 140');
    } finally {
      reader.destroy();
    }
  });
});
