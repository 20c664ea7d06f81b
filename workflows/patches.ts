// The patch ids live beside the rules they gate (domain/patches.ts); workflows and tests import them from here too.
export * from '../domain/patches';
