/**
 * A request whose client goes away before its answer (closed tab, timed-out proxy, an impatient
 * script) stops costing the database: every statement it issues carries the request's AbortSignal
 * (src/store/request-abort.ts), and the PostgreSQL store cancels those still running when the
 * connection closes unanswered.
 */
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { withAbortSignal } from '../../store/request-abort.ts';

async function clientAbort(app: FastifyInstance): Promise<void> {
  app.addHook('onRequest', (_request, reply, done) => {
    const controller = new AbortController();
    reply.raw.once('close', () => {
      if (!reply.raw.writableFinished) controller.abort();
    });
    withAbortSignal(controller.signal, done);
  });
}

export const clientAbortPlugin = fp(clientAbort, { name: 'helsebro-client-abort' });
