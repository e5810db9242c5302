import type { FastifyPluginAsync } from 'fastify';

/** The risk-compensation measure: its routes (and, on import, its workflow registration). Placeholder until it lands. */
export const riskCompensationPlugin: FastifyPluginAsync = async () => {};
