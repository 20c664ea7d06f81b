// The test's message to a held academic watch (index.ts), apart from the workflow code so that the
// test's client side imports no workflow implementation (as workflows/messages.ts for the project).
import { defineSignal } from '@temporalio/workflow';

/** Lets a held watch end. */
export const letWatchEnd = defineSignal('letWatchEnd');
