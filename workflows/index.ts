// Every workflow the worker registers.
export { candidateLifecycle } from './candidateLifecycle';
export { academicWatch } from './academicWatch';
export { credentialRecommendation } from './credentialRecommendation';
export { weeklyDigest } from './weeklyDigest';
