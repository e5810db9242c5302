import type { FastifyPluginAsync } from 'fastify';

/** The interest-subsidy measure: its routes (and, on import, its workflow registration). Placeholder until it lands. */
export const interestSubsidyPlugin: FastifyPluginAsync = async () => {};
