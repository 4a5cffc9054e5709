import { readFileSync } from 'node:fs';
import { findProjectRoot } from './paths.js';

/** The contract: `schema.graphql` at the repository root, read once at start-up. */
export const typeDefs = readFileSync(new URL('schema.graphql', findProjectRoot()), 'utf8');
