/** Home-visit and survey response shapes, read from the server's zod schemas (type-only imports). */
import type { z } from 'zod';
import type { coverageReport, homeVisit, plan, settings } from '../../server/modules/relations/visits/visits.schemas.ts';
import type { portalSurvey, recipient, report, survey, verification } from '../../server/modules/relations/surveys/surveys.schemas.ts';

export type VisitPlan = z.output<typeof plan>;
export type VisitPlanItem = VisitPlan['items'][number];
export type HomeVisit = z.output<typeof homeVisit>;
export type VisitCoverage = z.output<typeof coverageReport>;
export type VisitSettings = z.output<typeof settings>;
export type Survey = z.output<typeof survey>;
export type SurveyQuestion = Survey['questions'][number];
export type SurveyRecipient = z.output<typeof recipient>;
export type SurveyReport = z.output<typeof report>;
export type SurveyVerification = z.output<typeof verification>;
export type PortalSurvey = z.output<typeof portalSurvey>;
export type OwnerVisit = z.output<typeof import('../../server/modules/relations/visits/owner-requests.schemas.ts').ownerVisit>;
