import request from 'supertest';
import type { TakePositionInput } from '../../shared/schemas/positions.js';
import type { TestApp } from './test-app.js';

/** PUT a position through the real API; returns the supertest response (assert its status in the test). */
export function putPosition(
  t: TestApp,
  auth: string,
  roundId: string,
  optionId: string,
  body: Partial<TakePositionInput> & { stance?: TakePositionInput['stance'] },
) {
  return request(t.url)
    .put(`/api/rounds/${roundId}/options/${optionId}/position`)
    .set('Authorization', auth)
    .send({ stance: 'support', ...body });
}
