import type { FastifyPluginAsync } from 'fastify';

/** The guarantee measure: its routes (and, on import, its workflow registration). Placeholder until it lands. */
export const guaranteePlugin: FastifyPluginAsync = async () => {};
