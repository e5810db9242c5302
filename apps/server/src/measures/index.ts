import type { FastifyPluginAsync } from 'fastify';
import { bridgeLoanPlugin } from './bridge-loan/index';
import { guaranteePlugin } from './guarantee/index';
import { interestSubsidyPlugin } from './interest-subsidy/index';
import { riskCompensationPlugin } from './risk-compensation/index';

/** Every measure's plugin, registered under /api by routes/index.ts. A new measure adds one line. */
export const measurePlugins: FastifyPluginAsync[] = [riskCompensationPlugin, guaranteePlugin, bridgeLoanPlugin, interestSubsidyPlugin];
