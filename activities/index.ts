// All activities a worker registers, built from their dependencies (house style:
// createActivities(deps)). Email runs on its own rate-limited task queue; see bin/worker.ts.
export { createEmailActivities, createFileLedger, createMemoryLedger, createSesClient, readEmailConfig } from './email';
