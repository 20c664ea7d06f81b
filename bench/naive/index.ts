// The naive comparison workflow (bench only; the real worker registers workflows/index.ts).
export { dailyPollLifecycle } from './dailyPollLifecycle';
