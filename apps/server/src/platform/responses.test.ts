import { isResponseSerializationError } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { responseSerializer } from '../app';

// Every answer passes its route's response schema on the way out (app.ts).

const view = z.object({ id: z.number().int(), name: z.string(), amountFen: z.number().int() });
const serialize = responseSerializer({ schema: view, method: 'GET', url: '/api/things/:id', httpStatus: '200' });

describe('response serializer', () => {
  it('writes what the schema names and drops every other field (a row never leaks a column)', () => {
    const out = serialize({ id: 7, name: '济南康泰', amountFen: 159_688, password_hash: 'scrypt$…', csrf_token: 'x' });
    expect(JSON.parse(out)).toEqual({ id: 7, name: '济南康泰', amountFen: 159_688 });
  });

  it('refuses an answer that breaks its schema instead of sending it', () => {
    let thrown: unknown;
    try {
      serialize({ id: 7, name: '济南康泰', amountFen: '159688' });
    } catch (err) {
      thrown = err;
    }
    expect(isResponseSerializationError(thrown)).toBe(true);
  });
});
