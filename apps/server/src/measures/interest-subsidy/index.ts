import { interestSubsidyReportWorkflow, interestSubsidyWorkflow } from '@relief/domain';
import { registerWorkflow } from '../../cases/registry';
import { interestSubsidyRoutes } from './interest-subsidy.routes';

registerWorkflow(interestSubsidyWorkflow);
registerWorkflow(interestSubsidyReportWorkflow);

/** 贷款贴息 (鲁工信发〔2020〕1号 第五条): applications, joint reviews, the cities' 汇总表, 公示 and payment. */
export const interestSubsidyPlugin = interestSubsidyRoutes;
