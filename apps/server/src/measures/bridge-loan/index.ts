import type { FastifyPluginAsync } from 'fastify';

/** The bridge-loan measure: its routes (and, on import, its workflow registration). Placeholder until it lands. */
export const bridgeLoanPlugin: FastifyPluginAsync = async () => {};
