/** synth/: the app that validates and writes every output atomically and deterministically. */
export * from './watchkeeper-app';
export * from './synth-app';
export * from './atomic-write';
export * from './synth-report';
