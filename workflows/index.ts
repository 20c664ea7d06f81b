// Every workflow the worker registers.
export { candidateLifecycle } from './candidateLifecycle';
