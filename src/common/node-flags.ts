/**
 * Node flags of the API process. V8 sizes its heap from the memory limit it is given: without
 * one, a few large answers (matching reads thousands of candidates) leave the API holding ~350 MB;
 * with 256 MB of old space it collects sooner and stays near 200 MB, with room to spare for any
 * single request (exports stream, imports stream into PostgreSQL and are parsed by the worker).
 */
export const API_NODE_FLAGS = ['--max-old-space-size=256'];

/**
 * Node flags of the worker process. Its largest need is two CSV imports at once (see
 * ImportProcessor), each holding the duplicate index of a 200 000-row file (~80 MB of heap); a
 * row with a 49 MB field adds about as much again while it is parsed. Measured together: ~500 MB
 * of RSS, and 384 MB of old space is enough where 256 MB is not.
 */
export const WORKER_NODE_FLAGS = ['--max-old-space-size=384'];
