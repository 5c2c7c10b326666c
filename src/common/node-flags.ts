/**
 * Node flags of the API process. V8 sizes its heap from the memory limit it is given: without
 * one, a few large answers (matching reads thousands of candidates) leave the API holding ~350 MB;
 * with 256 MB of old space it collects sooner and stays near 200 MB, with room to spare for any
 * single request (exports stream, imports are parsed by the worker).
 */
export const API_NODE_FLAGS = ['--max-old-space-size=256'];
